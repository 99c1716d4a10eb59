"""Exercises of lesson 01 (the article and its claims): types of claims and the verdict vocabulary."""
from __future__ import annotations

import pandas as pd

from ... import claims
from ..kinds import Choice, Number, Open, Table

TYPE_CHOICES = claims.type_choices()
C07_QUOTE = claims.claims().loc["C07", "quote"].split(",并在")[0]   # the claim method_steps asks about
VERDICT_CHOICES = claims.verdict_choices()


def _type_of(quote_start: str) -> str:
    table = claims.claims()
    return table[table["quote"].str.startswith(quote_start)]["type"].iloc[0]


def outdated_quotes() -> pd.Series:
    """The quotes of the claims judged outdated: the model answer of ``outdated_quotes``."""
    table = claims.claims()
    return table[table["verdict"] == "outdated"]["quote"]


EXERCISES = [
    Choice(
        name="type_must_keep", lesson="01", choices=TYPE_CHOICES,
        answer=_type_of("由此可见,微信一定保存了"),
        prompt={"zh": "「由此可见,微信一定保存了用户的聊天记录」属于哪一类说法？把类型的代号（如 `\"legal\"`）"
                      "或中文名称赋给 `type_must_keep`。",
                "en": "What type of claim is 「由此可见,微信一定保存了用户的聊天记录」 (“so WeChat must be keeping "
                      "users' chats”)? Assign the type's key (e.g. `\"legal\"`) or its label to `type_must_keep`."},
        hints={"zh": ["这句话本身没有引用任何条文或数据。", "它是从前面两条“规定”得出的——那叫什么？"],
               "en": ["The sentence cites no article and no number of its own.",
                      "It is drawn from the two “rules” before it: what is that called?"]},
        solution={"zh": "`\"inference\"`（推论）：“由此可见”表明它是从前提推出来的结论。核对推论，要看前提是否真实、结论是否真能推出。",
                  "en": "`\"inference\"`: “由此可见” (“it follows that”) marks a conclusion drawn from premises. "
                        "To check an inference, ask whether the premises are true and whether the conclusion follows."},
        wrong=["legal", "technical", "opinion"],
    ),
    Choice(
        name="type_official_reply", lesson="01", choices=TYPE_CHOICES,
        answer=_type_of("根据微信官方的答复"),
        prompt={"zh": "「根据微信官方的答复,微信不会保存聊天记录」属于哪一类说法？赋给 `type_official_reply`。",
                "en": "What type of claim is 「根据微信官方的答复,微信不会保存聊天记录」 (“according to WeChat's "
                      "official reply, WeChat does not keep chat records”)? Assign it to `type_official_reply`."},
        hints={"zh": ["注意“根据……的答复”：文章在转述谁的话？"],
               "en": ["Note “according to … reply”: whose words is the article passing on?"]},
        solution={"zh": "`\"company\"`（公司声明）。要核对的是公司是否、何时、用什么原话这样说过；公司的话本身不是独立证据。",
                  "en": "`\"company\"` (company statement). What is checked is whether, when and in what words the "
                        "company said it; the company's word is not independent evidence."},
        wrong=["technical", "legal", "inference"],
    ),
    Number(
        name="legal_claims", lesson="01", integer=True, context={"claims": claims.claims}, unit="条说法 / claims",
        answer=int((claims.claims()["type"] == "legal").sum()),
        prompt={"zh": "课程的说法表里有多少条“法律”类说法？用 `course.claims.claims()` 数一数，把整数赋给 `legal_claims`。",
                "en": "How many claims of type “legal” are in the course's claims table? Count them with "
                      "`course.claims.claims()` and assign the whole number to `legal_claims`."},
        hints={"zh": ["`table = course.claims.claims()`；类型在 `table[\"type\"]` 一列。",
                      "`(table[\"type\"] == \"legal\").sum()`"],
               "en": ["`table = course.claims.claims()`; the type is in the column `table[\"type\"]`.",
                      "`(table[\"type\"] == \"legal\").sum()`"]},
        solution={"zh": f"`(course.claims.claims()[\"type\"] == \"legal\").sum()` 得 {int((claims.claims()['type'] == 'legal').sum())}：文章一半以上的说法是关于法律的。",
                  "en": f"`(course.claims.claims()[\"type\"] == \"legal\").sum()` gives {int((claims.claims()['type'] == 'legal').sum())}: more than half the article's claims are about the law."},
        wrong=[len(claims.claims()), int((claims.claims()["type"] == "legal").sum()) - 1, "22"],
    ),
    Choice(
        name="verdict_old_number", lesson="01", choices=VERDICT_CHOICES, answer="outdated",
        prompt={"zh": "一篇文章引用了某法“第六十八条”，在文章写作时条号和内容都对，但这部法律后来修改，同一规则现在是第六十九条。"
                      "按本课程的结论词表，这该判为哪一种？赋给 `verdict_old_number`。",
                "en": "An article cites “Art. 68” of a law. Number and content were right when it was written, but the "
                      "law was amended and the same rule is now Art. 69. Which verdict of the course's vocabulary "
                      "fits? Assign it to `verdict_old_number`."},
        hints={"zh": ["运行 `course.claims.verdicts()` 看每个结论的含义。"],
               "en": ["Run `course.claims.verdicts()` to read what each verdict means."]},
        solution={"zh": "`\"outdated\"`（引用过时）：引用在当时正确，但条号或文字此后变了。理由中要写明现行条文。",
                  "en": "`\"outdated\"` (outdated citation): right for its time, but the number or wording has changed "
                        "since. The reasons must name the provision in force."},
        wrong=["misattributed", "inaccurate", "accurate"],
    ),
    Open(
        name="method_steps", lesson="01", min_chars=20,
        prompt={"zh": "把本课核查法律类说法的三个步骤用在另一条说法上：C07「" + C07_QUOTE + "」。"
                      "用 `course.law.article(\"iism\", 14)` 和 `course.law.law_list()`，逐步写出你查到了什么，"
                      "赋给 `method_steps`（字符串）。",
                "en": "Apply the lesson's three steps for checking a legal claim to another claim, C07: 「" + C07_QUOTE
                      + "」 (“under Art. 14 of the Internet Information Services Measures, the record backups of "
                      "internet information service providers and internet access service providers must be kept "
                      "for 60 days”). With `course.law.article(\"iism\", 14)` and `course.law.law_list()`, write "
                      "what you found at each step, as a string assigned to `method_steps`."},
        hints={"zh": ["第一步：读第十四条全文。文章引的是哪一款？它和原文一致吗？",
                      "第二步：`course.law.law_list()` 里 iism-2011 的“状态”。第三步：第一款规定谁记录、记录什么？"],
               "en": ["Step 1: read the whole of Art. 14. Which paragraph does the article quote? Does it match?",
                      "Step 2: the status of iism-2011 in `course.law.law_list()`. Step 3: whom does para. 1 "
                      "oblige to record, and what?"]},
        solution={"zh": "①找原文：第十四条第二款说记录备份“应当保存60日”〔iism-2011:14〕，并在国家有关机关依法查询时予以提供；"
                        "文章的引文与它逐字一致（只差标点）。②确认版本：2011 年文本现行有效（2011-01-08 起施行），条号没有变。"
                        "③看适用范围：第一款规定谁记录什么——从事新闻、出版以及电子公告等服务项目的信息服务提供者记录信息内容、"
                        "发布时间和互联网地址或域名，接入服务提供者记录上网时间、用户账号等；60 日指的是这些记录的备份。"
                        "结论：引文准确，但文章没有引第一款，它是否约束微信、涉及哪些信息，要看第一款（第 03 课）。",
                  "en": "(1) Primary text: Art. 14, para. 2 says the record backups “应当保存60日”〔iism-2011:14〕 "
                        "(must be kept for 60 days) and be provided when state authorities lawfully ask; the article's "
                        "quotation matches it word for word (only the punctuation differs). (2) Version: the 2011 text "
                        "is in force (since 2011-01-08), the number unchanged. (3) Scope: para. 1 says who records "
                        "what: providers of news, publishing, electronic bulletin and similar services record the "
                        "content, the time it was posted and the internet address or domain; access providers record "
                        "users' online time, account and so on; the 60 days apply to backups of these records. "
                        "Verdict: the quotation is accurate, but the article leaves out para. 1, which decides whom "
                        "the rule binds and what it covers (lesson 03)."},
        wrong=["不知道", "read", 3],
    ),
    Table(
        name="outdated_quotes", lesson="01", expected=outdated_quotes, context={"claims": claims.claims},
        prompt={"zh": "用 pandas 在说法表里筛选：`claims = course.claims.claims()`，取出结论（`verdict` 一列）为 "
                      "`\"outdated\"`（引用过时）的那些说法的原文（`quote` 一列），把这个 Series 赋给 `outdated_quotes`。",
                "en": "Filter the claims table with pandas: with `claims = course.claims.claims()`, take the quotes "
                      "(the `quote` column) of the claims whose verdict (the `verdict` column) is `\"outdated\"`, "
                      "and assign that Series to `outdated_quotes`."},
        hints={"zh": ["一个条件得出一列 True/False：`claims[\"verdict\"] == \"outdated\"`；用它选行。",
                      "`claims[条件][\"quote\"]`"],
               "en": ["A condition gives a column of True/False: `claims[\"verdict\"] == \"outdated\"`; use it "
                      "to pick rows.", "`claims[condition][\"quote\"]`"]},
        solution={"zh": "先筛选行，再取一列：\n\n```python\nclaims = course.claims.claims()\n"
                        "outdated_quotes = claims[claims[\"verdict\"] == \"outdated\"][\"quote\"]\n```",
                  "en": "Filter the rows, then take one column:\n\n```python\nclaims = course.claims.claims()\n"
                        "outdated_quotes = claims[claims[\"verdict\"] == \"outdated\"][\"quote\"]\n```"},
        wrong=[claims.claims()["quote"], outdated_quotes().to_frame(), list(outdated_quotes())],
    ),
]
