"""Exercises of lesson 03, “Retention rules the article cites”.

The answers are computed from the law files where they can be, and checked against
the texts by ``tests/test_legal_lessons.py`` (functions ``test_l03_*``).

>>> from course.exercises import lesson
>>> lesson("03").backup_days.evaluate(60).status
'correct'
>>> lesson("03").log_rule_today.evaluate("csl-2017:21").status
'incorrect'
"""
from __future__ import annotations

from ... import law
from ...claims import verdict_choices
from ..kinds import ArticleSet, Choice, Number, Open, Text

# exercise name -> claim id in data/claims.csv: the answer must be that claim's verdict (tested)
CLAIMS = {"c08_verdict": "C08"}

IISM = {"zh": "《互联网信息服务管理办法》（2011年文本）", "en": "the Internet Information Services Measures (2011 text)"}

EXERCISES = [
    Number(
        name="backup_days", lesson="03", integer=True, unit="日 / days",
        answer=60,
        prompt={"zh": f"按{IISM['zh']}第十四条第二款，记录备份应当保存多少日？把整数赋给 `backup_days`。",
                "en": f"Under {IISM['en']}, Art. 14, para. 2, for how many days must the record backups "
                      "be kept? Assign the whole number to `backup_days`."},
        hints={"zh": ["运行 `course.law.article(\"iism\", 14).paragraph(2)`。"],
               "en": ["Run `course.law.article(\"iism\", 14).paragraph(2)`."]},
        solution={"zh": "60 日。第二款只说保存“记录备份”，记录什么由第一款规定；"
                        "期限是 60 日，不是“永久保存”。",
                  "en": "60 days. Paragraph 2 only says the record backups are kept; what is recorded is "
                        "set by paragraph 1. The period is 60 days, not "
                        "“for ever”."},
        wrong=[6, 180, "60", 60.5],
    ),
    ArticleSet(
        name="iism_keep_articles", lesson="03",
        answer=set(law.count_word("iism-2011", "保存")["number"]),
        prompt={"zh": f"{IISM['zh']}哪几条用到“保存”一词？用 `course.law.count_word` 数，"
                      "把条号的集合（如 `{1, 2}`）赋给 `iism_keep_articles`。",
                "en": f"Which articles of {IISM['en']} use the word “保存” (keep)? Count with "
                      "`course.law.count_word` and assign the set of article numbers "
                      "(e.g. `{1, 2}`) to `iism_keep_articles`."},
        hints={"zh": ["`course.law.count_word(\"iism\", \"保存\")` 列出出现这个词的每一条。",
                      "集合写成 `{14, 99}` 这样，用条号（整数）。"],
               "en": ["`course.law.count_word(\"iism\", \"保存\")` lists every article where the word "
                      "occurs.", "Write a set as `{14, 99}`, with article numbers (ints)."]},
        solution={"zh": "{14, 16}。第十四条：记录备份保存 60 日；第十六条：发现第十五条所列信息时停止传输、"
                        "保存有关记录并报告。第二十条里没有“保存”，也没有“日志”和“6个月”。",
                  "en": "{14, 16}. Art. 14: record backups kept for 60 days; Art. 16: on finding content "
                        "listed in Art. 15, stop transmitting it, keep the relevant records and report. "
                        "Art. 20 has neither “保存”, nor “日志” (log), nor “6个月” (six months)."},
        wrong=[{14}, {14, 20}, {20}, {14, 16, 20}],
    ),
    Choice(
        name="art20_subject", lesson="03",
        choices={"A": {"zh": "记录备份保存60日", "en": "record backups kept for 60 days"},
                 "B": {"zh": "网络日志保存不少于6个月", "en": "network logs kept for at least six months"},
                 "C": {"zh": "制作、传播第十五条所列信息的法律责任",
                       "en": "liability for making or spreading the content listed in Art. 15"},
                 "D": {"zh": "经营性互联网信息服务的许可", "en": "licences for commercial information services"}},
        answer="C",
        prompt={"zh": f"{IISM['zh']}第二十条规定的是什么？填选项字母：\n"
                      "A. 记录备份保存60日\nB. 网络日志保存不少于6个月\n"
                      "C. 制作、传播第十五条所列信息的法律责任\nD. 经营性互联网信息服务的许可",
                "en": f"What does Art. 20 of {IISM['en']} regulate? Answer with the letter:\n"
                      "A. record backups kept for 60 days\nB. network logs kept for at least six months\n"
                      "C. liability for making or spreading the content listed in Art. 15\n"
                      "D. licences for commercial information services"},
        hints={"zh": ["运行 `course.law.article(\"iism\", 20)`，看它开头的主语和结尾的后果。"],
               "en": ["Run `course.law.article(\"iism\", 20)`: look at who it is about and what "
                      "follows."]},
        solution={"zh": "C。第二十条是罚则：制作、复制、发布、传播第十五条所列信息的，追究刑事责任或者给予处罚，"
                        "并可停业整顿、吊销许可证或关闭网站。它没有提“网络日志”，也没有“6个月”。",
                  "en": "C. Art. 20 is a penalty article: whoever makes, copies, publishes or spreads the "
                        "content listed in Art. 15 faces criminal liability or administrative penalties, "
                        "and a provider can be suspended, lose its licence or have its website closed. "
                        "It mentions neither network logs nor six months."},
        wrong=["A", "B", "D", "网络日志保存不少于6个月"],
    ),
    Text(
        name="log_rule_today", lesson="03",
        answer=law.current("csl", 21).id,
        prompt={"zh": "“留存相关的网络日志不少于六个月”这条规则，在今天施行的文本里是哪部法律的哪一条？"
                      "用课程的条文编号写法回答（如 `\"iism-2011:14\"`），赋给 `log_rule_today`。",
                "en": "In the text in force today, which law and article hold the rule “留存相关的网络日志"
                      "不少于六个月” (keep the relevant network logs for at least six months)? Answer with "
                      "the course's article id (like `\"iism-2011:14\"`), assigned to `log_rule_today`."},
        hints={"zh": ["`course.law.search_laws([\"网络日志\", \"六个月\"])` 在所有法律里找同时含这两个词的条文。",
                      "找到的有两个版本：哪一个今天有效？`course.law.current(\"csl\", 21)` 会告诉你。"],
               "en": ["`course.law.search_laws([\"网络日志\", \"六个月\"])` finds the articles, in every "
                      "law, that contain both words.",
                      "It finds two versions: which is in force today? `course.law.current(\"csl\", 21)` "
                      "tells you."]},
        solution={"zh": "\"csl-2026:23\"：《网络安全法》（2026年文本）第二十三条第一款第（三）项；"
                        "2025 年 12 月 31 日以前是 2017 年文本第二十一条。《互联网信息服务管理办法》里没有这条规则。",
                  "en": "\"csl-2026:23\": Cybersecurity Law (2026 text), Art. 23, para. 1, item (3); until "
                        "2025-12-31 it was Art. 21 of the 2017 text. The Internet Information Services "
                        "Measures have no such rule."},
        wrong=["csl-2017:21", "iism-2011:20", "csl-2026:21", "iism-2011:14"],
    ),
    Open(
        name="logs_cover_chats", lesson="03", min_chars=20,
        prompt={"zh": "《网络安全法》（2017年文本）第二十一条第一款第（三）项要求留存的“网络日志”，按条文本身，"
                      "包括聊天内容吗？它对微信适用吗？用条文里的词说明理由，把回答（字符串）赋给 `logs_cover_chats`。",
                "en": "Do the “network logs” that the Cybersecurity Law (2017 text), Art. 21, para. 1, item (3) "
                      "requires to be kept include chat content, on the text itself? Does the rule apply to "
                      "WeChat? Give reasons from the words of the article, as a string assigned to "
                      "`logs_cover_chats`."},
        hints={"zh": ["读这一项的前半句：日志记录的是什么？",
                      "再看第一款开头：义务落在谁身上？“网络运营者”的定义在第七十六条第（三）项。"],
               "en": ["Read the first half of the item: what do the logs record?",
                      "Then the opening of para. 1: on whom does the duty fall? “网络运营者” (network "
                      "operator) is defined in Art. 76, item (3)."]},
        solution={"zh": "条文要求“采取监测、记录网络运行状态、网络安全事件的技术措施”，并留存“相关的”网络日志"
                        "不少于六个月：日志是关于网络运行状态和安全事件的记录，是等级保护的安全义务，条文没有提通信内容，"
                        "也没有说日志包括聊天内容；具体留存什么，“按照规定”交给其他规定。义务人是“网络运营者”，"
                        "即网络的所有者、管理者和网络服务提供者，所以微信的运营者受它约束——文章说“跟微信也没什么关系”不对；"
                        "但文章说网络日志不是聊天记录，从条文看是对的（说它是“类似微博的东西”则不对）。",
                  "en": "The item requires technical measures “监测、记录网络运行状态、网络安全事件” (monitoring and "
                        "recording the network's operating state and security incidents) and keeping the "
                        "“相关的” (related) network logs for at least six months: the logs are records of "
                        "operations and security events, a duty under the multi-level protection scheme. The "
                        "text says nothing about communication content; what exactly is kept is left to "
                        "other rules (“按照规定”). The duty falls on every network operator — owners, "
                        "managers and providers of network services — so it does bind WeChat's operator: the "
                        "article's “nothing to do with WeChat” is wrong. But its point that network logs are "
                        "not chat records fits the text (calling them “something like a microblog” does not)."},
        wrong=["不", "no", 0],
    ),
    Choice(
        name="c08_verdict", lesson="03",
        choices=verdict_choices(),
        answer="misattributed",
        prompt={"zh": "文章说「还有第二十条规定」，要求留存网络日志不少于6个月。按课程的结论类别（见 "
                      "`data/verdicts.csv`），这句话应得哪个结论？填类别的英文代号（如 `\"accurate\"`）或中文名称，"
                      "赋给 `c08_verdict`。",
                "en": "The article says 「还有第二十条规定」 (and Art. 20 says) that network logs must be kept for at "
                      "least six months. Which of the course's verdicts (see `data/verdicts.csv`) does this "
                      "sentence get? Answer with the verdict id (e.g. `\"accurate\"`) or its label, assigned to "
                      "`c08_verdict`."},
        hints={"zh": ["第二十条里有没有这条规则？别处有没有类似的规则？",
                      "可选的代号：accurate, partly-accurate, inaccurate, misattributed, outdated, unsupported, "
                      "unverifiable, opinion。"],
               "en": ["Is the rule in Art. 20? Is there a similar rule somewhere else?",
                      "The ids: accurate, partly-accurate, inaccurate, misattributed, outdated, unsupported, "
                      "unverifiable, opinion."]},
        solution={"zh": "\"misattributed\"（张冠李戴）：《互联网信息服务管理办法》第二十条是罚则，没有这条规则；"
                        "类似的规则在《网络安全法》2017 年文本第二十一条第一款第（三）项（今天第二十三条），"
                        "义务人是网络运营者。",
                  "en": "\"misattributed\" (misattributed citation): Art. 20 of the Internet Information Services "
                        "Measures is a penalty article without such a rule; a similar rule is in the "
                        "Cybersecurity Law, 2017 text, Art. 21, para. 1, item (3) (Art. 23 today), and binds "
                        "network operators."},
        wrong=["inaccurate", "accurate", "outdated", "unsupported"],
    ),
]
