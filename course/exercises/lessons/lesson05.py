"""Exercises of lesson 05, “The Cybersecurity Law”.

The counting answers are computed from the law files, so they cannot drift from the
texts; ``tests/test_legal_lessons.py`` (functions ``test_l05_*``) checks them again.

>>> from course.exercises import lesson
>>> lesson("05").keep_places_2017.evaluate(6).status
'correct'
>>> lesson("05").penalty_article_2026.evaluate(70).status     # the naive "+2"
'incorrect'
"""
from __future__ import annotations

import pandas as pd

from ... import law
from ...claims import verdict_choices
from ..kinds import Choice, Number, Open, Table

# exercise name -> claim id in data/claims.csv: the answer must be that claim's verdict (tested)
CLAIMS = {"c21_verdict": "C21"}

KEEP_WORDS = ["保存", "留存"]
_KEEP_2017 = law.keyword_table("csl", KEEP_WORDS, "2017")
CSL17 = {"zh": "《网络安全法》（2017年文本）", "en": "the Cybersecurity Law (2017 text)"}
CSL26 = {"zh": "《网络安全法》（2026年文本）", "en": "the Cybersecurity Law (2026 text)"}



def keep_counts_2017() -> pd.Series:
    """How often 保存 or 留存 occurs in each article of the 2017 text, where it does: the model answer.

    >>> keep_counts_2017().index.tolist()[:2]
    ['csl-2017:21', 'csl-2017:41']
    """
    articles = law.articles()
    counts = articles[articles["law"] == "csl-2017"]["text"].str.count("|".join(KEEP_WORDS))
    return counts[counts > 0]


EXERCISES = [
    Number(
        name="keep_places_2017", lesson="05", integer=True, unit="处 / places",
        answer=int(_KEEP_2017["total"].sum()),
        prompt={"zh": f"把“提到信息保存”读作“出现‘保存’或‘留存’”：{CSL17['zh']}全文里这两个词一共出现几次？"
                      "把整数赋给 `keep_places_2017`。",
                "en": f"Read “mentions keeping information” as “the word 保存 or 留存 occurs”: how many times "
                      f"do these two words occur in the whole of {CSL17['en']}? Assign the whole number to "
                      "`keep_places_2017`."},
        hints={"zh": ["`course.law.count_word(\"csl\", \"保存\", version=2017)` 数一个词；另一个词也数一遍。",
                      "或者一次数两个：`course.law.keyword_table(\"csl\", [\"保存\", \"留存\"], 2017)`，"
                      "把 `total` 一列加起来。"],
               "en": ["`course.law.count_word(\"csl\", \"保存\", version=2017)` counts one word; count the "
                      "other one too.",
                      "Or both at once: `course.law.keyword_table(\"csl\", [\"保存\", \"留存\"], 2017)`, "
                      "then add up its `total` column."]},
        solution={"zh": "6 次：“保存”5 次（第四十一、四十七、四十八、五十、六十八条），“留存”1 次（第二十一条）。"
                        "这种读法正好得出文章说的 6 处；但只数“保存”是 5 处，数“记录”或“存储”也各是 6 次，"
                        "2026 年文本里“保存”“留存”是 7 次。文章没列出是哪 6 处，所以这个数无法确切核实。\n\n```python\ntable = course.law.keyword_table(\"csl\", [\"保存\", \"留存\"], 2017)\nkeep_places_2017 = int(table[\"total\"].sum())\n```",
                  "en": "6: “保存” 5 times (Arts. 41, 47, 48, 50, 68) and “留存” once (Art. 21). This reading "
                        "gives exactly the article's six places; but “保存” alone gives 5, “记录” (record) or "
                        "“存储” (store) also give 6 each, and the 2026 text has 7 occurrences of 保存/留存. The "
                        "article does not list its six, so the number cannot be checked exactly.\n\n```python\ntable = course.law.keyword_table(\"csl\", [\"保存\", \"留存\"], 2017)\nkeep_places_2017 = int(table[\"total\"].sum())\n```"},
        wrong=[5, 7, "6", 6.0],
    ),
    Table(
        name="keep_counts_2017", lesson="05", expected=keep_counts_2017, context={"articles": law.articles},
        prompt={"zh": f"上一题数到的那几处在哪几条？用 pandas 数：`articles = course.law.articles()` 是课程里所有法律的"
                      f"条文表（`law` 一列是文本代号，`text` 一列是条文）。取出{CSL17['zh']}（`\"csl-2017\"`）的条文，"
                      "用 `str.count` 数每条里“保存”和“留存”一共出现几次，只留下次数大于 0 的条，"
                      "把这个 Series（索引是条文编号，如 `csl-2017:21`）赋给 `keep_counts_2017`。",
                "en": f"In which articles are the places you just counted? Count with pandas: "
                      "`articles = course.law.articles()` is the table of every article of every law of the "
                      "course (the `law` column is the text's id, the `text` column the article). Take the "
                      f"articles of {CSL17['en']} (`\"csl-2017\"`), count with `str.count` how often “保存” and "
                      "“留存” occur together in each, keep only the articles where the count is above 0, and "
                      "assign that Series (indexed by article id, like `csl-2017:21`) to `keep_counts_2017`."},
        hints={"zh": ["先筛选行：`csl = articles[articles[\"law\"] == \"csl-2017\"]`；再数：`csl[\"text\"].str.count(\"保存\")`。",
                      "`str.count` 接受正则表达式：`\"保存|留存\"` 两个词都数（`|` 是“或”）。"
                      "最后 `counts[counts > 0]` 去掉次数为 0 的条。"],
               "en": ["Filter the rows first: `csl = articles[articles[\"law\"] == \"csl-2017\"]`; then count: "
                      "`csl[\"text\"].str.count(\"保存\")`.",
                      "`str.count` takes a regular expression: `\"保存|留存\"` counts both words (`|` means "
                      "“or”). Finally `counts[counts > 0]` drops the articles with a count of 0."]},
        solution={"zh": "第 21、41、47、48、50、68 条各一次：网络日志（21）、处理其保存的个人信息（41）、发现违法信息时保存有关记录"
                        "（47；48 条第二款是电子信息发送和应用软件下载服务提供者；50 条是主管部门要求运营者这样做），"
                        "以及对不保存记录的处罚（68）。没有一条要求保存全部聊天内容。"
                        "\n\n```python\narticles = course.law.articles()\ncsl = articles[articles[\"law\"] == \"csl-2017\"]\n"
                        "counts = csl[\"text\"].str.count(\"保存|留存\")\nkeep_counts_2017 = counts[counts > 0]\n```",
                  "en": "Arts. 21, 41, 47, 48, 50 and 68, once each: network logs (21); handling the personal "
                        "information an operator keeps (41); keeping records when prohibited information is found "
                        "(47; Art. 48 para. 2 for senders of electronic messages and app stores; Art. 50 when the "
                        "authorities demand it); and the penalty for not keeping them (68). None requires "
                        "keeping all chat content."
                        "\n\n```python\narticles = course.law.articles()\ncsl = articles[articles[\"law\"] == \"csl-2017\"]\n"
                        "counts = csl[\"text\"].str.count(\"保存|留存\")\nkeep_counts_2017 = counts[counts > 0]\n```"},
        wrong=[keep_counts_2017().to_frame(), list(keep_counts_2017()), keep_counts_2017().iloc[1:]],
    ),
    Number(
        name="penalty_article_2026", lesson="05", integer=True, unit="条号 / article number",
        answer=law.current("csl", 68).number,
        prompt={"zh": f"文章引用的罚则是{CSL17['zh']}第六十八条。自 2026 年 1 月 1 日起，这条罚则是第几条？"
                      "把条号（整数）赋给 `penalty_article_2026`。",
                "en": f"The article cites the penalty in {CSL17['en']}, Art. 68. Since 2026-01-01, which "
                      "article holds that penalty? Assign the number (an int) to `penalty_article_2026`."},
        hints={"zh": ["“前面新增两条，所以加 2”在这里行不通：罚则一章有合并和新增。",
                      "用 `course.law.current(\"csl\", 68)` 或 `course.law.renumbering([68])`。"],
               "en": ["“Two articles were inserted before it, so add 2” fails here: the liability chapter "
                      "had merges and insertions.",
                      "Use `course.law.current(\"csl\", 68)` or `course.law.renumbering([68])`."]},
        solution={"zh": "69。修改决定第十一项把原第六十八条和原第六十九条第（一）项合并为第六十九条；"
                        "简单“+2”得出的 70 是另一条（原第六十九条剩下的两项）。",
                  "en": "69. Item 11 of the amending decision merges old Art. 68 and old Art. 69 item (1) "
                        "into Art. 69; the naive “+2” gives 70, which holds the rest of old Art. 69."},
        wrong=[70, 68, 71, 69.0, "69"],
    ),
    Choice(
        name="dropped_sanction", lesson="05",
        choices={"A": {"zh": "责令改正", "en": "order to correct"},
                 "B": {"zh": "给予警告", "en": "warning"},
                 "C": {"zh": "没收违法所得", "en": "confiscation of illegal gains"},
                 "D": {"zh": "吊销营业执照", "en": "revoking the business licence"}},
        answer="C",
        prompt={"zh": "文章列出的处罚里，哪一项在 2026 年文本第六十九条里已经没有了？填选项字母：\n"
                      "A. 责令改正\nB. 给予警告\nC. 没收违法所得\nD. 吊销营业执照",
                "en": "Of the sanctions the article lists, which one is no longer in Art. 69 of the 2026 "
                      "text? Answer with the letter:\nA. order to correct (责令改正)\nB. warning (给予警告)\n"
                      "C. confiscation of illegal gains (没收违法所得)\nD. revoking the business licence "
                      "(吊销营业执照)"},
        hints={"zh": ["运行 `course.law.compare(68)`：红色删除线是只在 2017 年文本里的字。"],
               "en": ["Run `course.law.compare(68)`: red struck-through text is only in the 2017 text."]},
        solution={"zh": "C。2026 年文本删去了“没收违法所得”，加上了“予以通报”，罚款大幅提高"
                        "（最高二百万元以上一千万元以下），并把未“向有关主管部门报告”也列为应受处罚的行为。",
                  "en": "C. The 2026 text drops “没收违法所得” (confiscation of illegal gains), adds “予以通报” "
                        "(public notice), raises the fines sharply (up to 2–10 million yuan) and adds failing "
                        "to report to the authorities as a violation."},
        wrong=["A", "B", "D", "给予警告"],
    ),
    Open(
        name="collection_rule_reading", lesson="05", min_chars=20,
        prompt={"zh": f"文章说：按“不得违规收集信息”的规定，只要保存用户聊天信息就违法。读{CSL17['zh']}第四十一条"
                      "（今天的第四十三条）全文：条文这样说了吗？把你的理由（字符串）赋给 `collection_rule_reading`。",
                "en": f"The article says that, under the rule against unlawful collection, keeping users' chat "
                      f"messages at all is illegal. Read {CSL17['en']}, Art. 41 (Art. 43 today) in full: does "
                      "the text say that? Give your reasons as a string assigned to `collection_rule_reading`."},
        hints={"zh": ["第二款禁止收集什么样的个人信息？传递聊天消息与微信提供的服务有关吗？",
                      "第二款最后一句提到运营者“保存的个人信息”：它假定了什么？"],
               "en": ["Which personal information does para. 2 forbid collecting? Is delivering chat messages "
                      "related to the service WeChat provides?",
                      "The last sentence of para. 2 speaks of the personal information the operator keeps "
                      "(“保存的个人信息”): what does that assume?"]},
        solution={"zh": "没有。第二款禁止的是收集“与其提供的服务无关的”个人信息，以及违反法律、行政法规和双方约定的收集、使用；"
                        "传递聊天消息正是微信提供的服务，所以“聊天记录与服务无关”并不显然。条文还要求运营者依法、依约处理"
                        "“其保存的个人信息”——它预设运营者会保存个人信息。能不能保存、保存多久，取决于合法、正当、必要原则和"
                        "用户协议（以及 2021 年起的《个人信息保护法》），不是“只要保存就违法”。",
                  "en": "No. Para. 2 forbids collecting personal information “与其提供的服务无关” (unrelated to the "
                        "service provided) and collecting or using it against the law or the parties' "
                        "agreement. Delivering chat messages is the very service WeChat provides, so “chats are "
                        "unrelated to the service” is not obvious. The article also tells operators to handle "
                        "“其保存的个人信息” (the personal information they keep) according to law and agreement: "
                        "it presupposes that operators keep personal information. Whether and how long they may "
                        "keep it depends on the principles of legality, legitimacy and necessity and on the user "
                        "agreement (and, since 2021, on the Personal Information Protection Law) — not “keeping "
                        "it at all is illegal”."},
        wrong=["是", "yes", 1],
    ),
    Choice(
        name="c21_verdict", lesson="05",
        choices=verdict_choices(),
        answer="outdated",
        prompt={"zh": "文章说不保存有关记录就「根据《网络安全法》第六十八条的规定」受罚，并列出了处罚。"
                      "按课程的结论类别（见 `data/verdicts.csv`），这句话应得哪个结论？填代号或中文名称，赋给 `c21_verdict`。",
                "en": "The article says that not keeping records is punished 「根据《网络安全法》第六十八条的规定」 "
                      "(under Art. 68 of the Cybersecurity Law) and lists the sanctions. Which of the course's "
                      "verdicts (see `data/verdicts.csv`) does this sentence get? Answer with the id or the "
                      "label, assigned to `c21_verdict`."},
        hints={"zh": ["对 2017 年文本来说，它大体对吗？今天呢？",
                      "可选的代号：accurate, partly-accurate, inaccurate, misattributed, outdated, unsupported, "
                      "unverifiable, opinion。"],
               "en": ["Is it broadly right for the 2017 text? And today?",
                      "The ids: accurate, partly-accurate, inaccurate, misattributed, outdated, unsupported, "
                      "unverifiable, opinion."]},
        solution={"zh": "\"outdated\"（引用过时）：对 2017 年文本第六十八条的概括大体正确（漏了警告）；但自 2026 年 1 月 1 日起"
                        "这条罚则是第六十九条，删去了没收违法所得，加了通报，罚款最高可达一千万元。",
                  "en": "\"outdated\" (outdated citation): as a summary of Art. 68 of the 2017 text it is broadly "
                        "right (it leaves out the warning); but since 2026-01-01 the penalty is Art. 69, without "
                        "confiscation, with public notice, and with fines of up to ten million yuan."},
        wrong=["accurate", "inaccurate", "misattributed", "partly-accurate"],
    ),
]
