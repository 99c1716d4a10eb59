"""Exercises of lesson 09 (verdicts): reading the table, and a capstone fact-check of a new claim."""
from __future__ import annotations

from ... import claims, law
from ..kinds import Choice, Number, Open, Table, Text

TYPE_CHOICES = claims.type_choices()
VERDICT_CHOICES = claims.verdict_choices()
TABLE = claims.claims()
ACCURATE = int((TABLE["verdict"] == "accurate").sum())
NOT_ACCURATE_LEGAL = int(((TABLE["type"] == "legal") & (TABLE["verdict"] != "accurate")).sum())
# The rule behind the capstone claim is, today, Art. 23 item (3) of the 2026 text.
LOG_RULE_TODAY = law.current("csl", 21).id

CAPSTONE_ZH = "“根据《网络安全法》第二十一条，微信必须把用户的聊天记录保存至少六个月。”"
CAPSTONE_EN = ("“Under Art. 21 of the Cybersecurity Law, WeChat must keep users' chat records for at least "
               "six months.”")

EXERCISES = [
    Table(
        name="verdict_counts", lesson="09",
        expected=lambda: claims.claims()["verdict"].value_counts(),
        context={"claims": claims.claims},  # the names data/mistakes.csv may use for this table
        prompt={"zh": "说法表里每种结论各有几条？做一个 pandas Series：索引是结论的代号（如 `\"accurate\"`），"
                      "值是条数。赋给 `verdict_counts`。",
                "en": "How many claims get each verdict? Make a pandas Series whose index is the verdict's key "
                      "(e.g. `\"accurate\"`) and whose values are the counts. Assign it to `verdict_counts`."},
        hints={"zh": ["`t = course.claims.claims()` 是说法表，`t[\"verdict\"]` 是结论那一列。",
                      "一列里每个值出现几次：`.value_counts()`。"],
               "en": ["`t = course.claims.claims()` is the claims table; `t[\"verdict\"]` is its verdict column.",
                      "How often each value of a column occurs: `.value_counts()`."]},
        solution={"zh": f"`course.claims.claims()[\"verdict\"].value_counts()`：例如“准确” {ACCURATE} 条（共 {len(TABLE)} 条）。",
                  "en": f"`course.claims.claims()[\"verdict\"].value_counts()`: e.g. {ACCURATE} accurate "
                        f"(of {len(TABLE)})."},
        wrong=[TABLE["type"].value_counts(), TABLE["verdict"].value_counts(normalize=True),
               TABLE["verdict"].value_counts().to_frame(), ACCURATE],
    ),
    Number(
        name="legal_not_accurate", lesson="09", integer=True, context={"claims": claims.claims}, unit="条说法 / claims", answer=NOT_ACCURATE_LEGAL,
        prompt={"zh": "“法律”类说法中，有多少条的结论不是“准确”？把整数赋给 `legal_not_accurate`。",
                "en": "Among the claims of type “legal”, how many are judged something other than “accurate”? "
                      "Assign the whole number to `legal_not_accurate`."},
        hints={"zh": ["两个条件用 `&` 连接：`(t[\"type\"] == \"legal\") & (t[\"verdict\"] != \"accurate\")`。",
                      "也可以看 `course.claims.verdict_counts(by=\"type\")` 的“legal”一行。"],
               "en": ["Join two conditions with `&`: `(t[\"type\"] == \"legal\") & (t[\"verdict\"] != \"accurate\")`.",
                      "Or read the “legal” row of `course.claims.verdict_counts(by=\"type\")`."]},
        solution={"zh": f"{NOT_ACCURATE_LEGAL} 条。", "en": f"{NOT_ACCURATE_LEGAL}."},
        wrong=[int((TABLE["type"] == "legal").sum()), NOT_ACCURATE_LEGAL + 1],
    ),
    Choice(
        name="capstone_type", lesson="09", choices=TYPE_CHOICES, answer="legal",
        prompt={"zh": f"综合练习：核查一条新说法 {CAPSTONE_ZH} 第一步：它属于哪一类？赋给 `capstone_type`。",
                "en": f"Capstone: fact-check a new claim, {CAPSTONE_EN} Step 1: what type of claim is it? "
                      "Assign it to `capstone_type`."},
        hints={"zh": ["它说的是某条法律规定了什么。"], "en": ["It says what an article of a law requires."]},
        solution={"zh": "`\"legal\"`：它是关于法律内容的陈述，要用法律原文核对。",
                  "en": "`\"legal\"`: a statement about what a law says, to be checked against the statute text."},
        wrong=["technical", "inference"],
    ),
    Text(
        name="capstone_article_today", lesson="09", answer=LOG_RULE_TODAY,
        prompt={"zh": "第二步：今天施行的文本中，“留存相关的网络日志不少于六个月”在哪一条？用条文编号的写法（如 `\"csl-2017:21\"`）赋给 `capstone_article_today`。",
                "en": "Step 2: in the text in force today, which article holds the rule to keep network logs for at "
                      "least six months? Give its id (written like `\"csl-2017:21\"`) as `capstone_article_today`."},
        hints={"zh": ["`course.law.current(\"csl\", 21)` 给出原第二十一条今天的位置。", "它的 `.id` 就是答案。"],
               "en": ["`course.law.current(\"csl\", 21)` gives where old Art. 21 is today.", "Its `.id` is the answer."]},
        solution={"zh": f"`\"{LOG_RULE_TODAY}\"`：2026-01-01 起第二十一条变为第二十三条，文字未变，日志规定在第一款第（三）项。",
                  "en": f"`\"{LOG_RULE_TODAY}\"`: since 2026-01-01 old Art. 21 is Art. 23, wording unchanged; the log "
                        "rule is para. 1, item (3)."},
        wrong=["csl-2017:21", "csl-2026:21", "iism-2011:20"],
    ),
    Choice(
        name="capstone_verdict", lesson="09", choices=VERDICT_CHOICES, answer="inaccurate",
        prompt={"zh": "第三步：这条新说法该判为什么？几种结论都沾边时，选最严重的那个（内容错误重于条号过时）。赋给 `capstone_verdict`。",
                "en": "Step 3: which verdict does the new claim get? When several fit, choose the most serious "
                      "(a wrong content outweighs an outdated number). Assign it to `capstone_verdict`."},
        hints={"zh": ["第（三）项要留存的是什么？“网络运行状态、网络安全事件”的日志，还是聊天内容？",
                      "条号也过时了，但这是较轻的问题。"],
               "en": ["What does item (3) require to be kept: logs of network operation and security events, or chat content?",
                      "The number is outdated too, but that is the lesser problem."]},
        solution={"zh": "`\"inaccurate\"`（不准确）：第二十一条第（三）项（2026 年起第二十三条第（三）项）要求网络运营者留存的是监测、记录网络运行状态和网络安全事件的网络日志，"
                        "不是聊天内容；说它要求保存聊天记录与原文矛盾。其次，条号已过时（现为第二十三条）。",
                  "en": "`\"inaccurate\"`: Art. 21 item (3) (Art. 23 item (3) since 2026) requires network operators to "
                        "keep the logs of monitoring and recording network operation and security events, not chat "
                        "content; saying it requires keeping chats contradicts the text. Secondly, the number is out "
                        "of date (now Art. 23)."},
        wrong=["outdated", "accurate", "partly-accurate"],
    ),
    Open(
        name="capstone_reasons", lesson="09", min_chars=40,
        prompt={"zh": "第四步：为这条新说法写出理由（引用法律、版本、条、款、项），并写一句仍不确定的地方。赋给 `capstone_reasons`（字符串）。",
                "en": "Step 4: write the reasons for your verdict on the new claim (cite law, version, article, "
                      "paragraph, item) and one sentence on what remains uncertain. Assign it to `capstone_reasons` "
                      "as a string."},
        hints={"zh": ["仿照 `course.claims.reasons(\"C08\")` 的写法。"],
               "en": ["Model it on `course.claims.reasons(\"C08\")`."]},
        solution={"zh": "理由：《网络安全法》（2017年文本）第二十一条第一款第（三）项要求网络运营者“采取监测、记录网络运行状态、网络安全事件的技术措施，并按照规定留存相关的网络日志不少于六个月”；"
                        "它针对网络日志，不针对通信内容。2026-01-01 起该项为第二十三条第一款第（三）项，文字未变。所以“必须保存聊天记录六个月”不准确，条号也已过时。"
                        "仍不确定：日志里包含哪些元数据（如谁在何时给谁发消息），法律没有写明，微信也没有公开。",
                  "en": "Reasons: Cybersecurity Law (2017 text) Art. 21 para. 1 item (3) requires network operators to "
                        "take technical measures to monitor and record network operation and security events and keep "
                        "the related network logs for at least six months; it concerns logs, not the content of "
                        "communications. Since 2026-01-01 it is Art. 23 para. 1 item (3), wording unchanged. So “must "
                        "keep chat records for six months” is inaccurate, and the number is outdated. Uncertain: what "
                        "metadata the logs hold (e.g. who messaged whom, when) the law does not say and WeChat does not publish."},
        wrong=["不准确", "wrong", 21],
    ),
]
