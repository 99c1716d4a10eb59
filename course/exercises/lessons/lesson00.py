"""Exercises of lesson 00 (start here): reading the tables and a citation."""
from __future__ import annotations

from ... import law
from ..kinds import Choice, Number, Open

EXERCISES = [
    Number(
        name="csl_articles_2017", lesson="00", integer=True, unit="条 / articles",
        answer=len(law.parsed("csl-2017").articles),
        prompt={"zh": "2017 年施行的《网络安全法》文本共有多少条？用 `course.law.articles()` 数一数"
                      "（提示：筛选 `law == \"csl-2017\"`），把整数赋给 `csl_articles_2017`。",
                "en": "How many articles does the 2017 text of the Cybersecurity Law have? Count them with "
                      "`course.law.articles()` (filter `law == \"csl-2017\"`) and assign the whole "
                      "number to `csl_articles_2017`."},
        hints={"zh": ["`arts = course.law.articles()` 给出所有法律的所有条文。",
                      "`(arts[\"law\"] == \"csl-2017\").sum()` 数出满足条件的行数。"],
               "en": ["`arts = course.law.articles()` holds every article of every law.",
                      "`(arts[\"law\"] == \"csl-2017\").sum()` counts the rows that match."]},
        solution={"zh": "`(course.law.articles()[\"law\"] == \"csl-2017\").sum()` 得 79。"
                        "2026 年起施行的文本有 81 条：修改决定新增了两条。",
                  "en": "`(course.law.articles()[\"law\"] == \"csl-2017\").sum()` gives 79. "
                        "The text in force since 2026 has 81: the amending decision added two articles."},
        wrong=[81, 79.0, "79", 7],
    ),
    Number(
        name="log_item", lesson="00", integer=True, unit="项（序号） / item number",
        answer=next(i for i, item in enumerate(law.article("csl", 21, "2017").article.paragraph(1).items,
                                               start=1) if "网络日志" in item),
        prompt={"zh": "2017 年文本第二十一条第一款列了几项义务。“留存相关的网络日志不少于六个月”在第几项？"
                      "把项的序号（整数）赋给 `log_item`。",
                "en": "Art. 21, para. 1 of the 2017 text lists several duties. Which item holds "
                      "“留存相关的网络日志不少于六个月” (keep network logs for at least six months)? "
                      "Assign the item number (an int) to `log_item`."},
        hints={"zh": ["运行 `course.law.article(\"csl\", 21, version=2017)`，看带（一）（二）……的各项。"],
               "en": ["Run `course.law.article(\"csl\", 21, version=2017)` and look at the items "
                      "marked （一）（二）…"]},
        solution={"zh": "第（三）项，所以答案是 3。完整引文：《中华人民共和国网络安全法》（2017年文本）第二十一条第一款第（三）项。",
                  "en": "Item (3), so the answer is 3. Full citation: Cybersecurity Law (2017 text), "
                        "Art. 21, para. 1, item (3)."},
        wrong=[1, 2, "三", 3.0],
    ),
    Choice(
        name="csl_version_today", lesson="00",
        choices={"2017": {"zh": "2017年文本", "en": "2017 text"},
                 "2026": {"zh": "2026年文本", "en": "2026 text"}},
        answer=law.law_id("csl").split("-")[1],
        prompt={"zh": "今天施行的是《网络安全法》的哪个文本？回答 `\"2017\"` 或 `\"2026\"`。",
                "en": "Which text of the Cybersecurity Law is in force today? "
                      "Answer `\"2017\"` or `\"2026\"`."},
        hints={"zh": ["看 `course.law.law_list()` 里的“状态”一列。"],
               "en": ["Look at the “status” column of `course.law.law_list()`."]},
        solution={"zh": "\"2026\"：修改决定自 2026 年 1 月 1 日起施行；2017 年文本施行至 2025 年 12 月 31 日。",
                  "en": "\"2026\": the amending decision took effect on 2026-01-01; the 2017 text was in "
                        "force until 2025-12-31."},
        wrong=["2017", 2026, "2025"],
    ),
    Number(
        name="iism14_paragraphs", lesson="00", integer=True, unit="款 / paragraphs",
        answer=len(law.article("iism", 14).article.paragraphs),
        prompt={"zh": "《互联网信息服务管理办法》第十四条有几款？把整数赋给 `iism14_paragraphs`。",
                "en": "How many paragraphs (款) does Art. 14 of the Internet Information Services "
                      "Measures have? Assign the whole number to `iism14_paragraphs`."},
        hints={"zh": ["“款”是条文中另起一段的部分，不带（一）（二）编号。",
                      "`course.law.article(\"iism\", 14)` 显示全文。"],
               "en": ["A paragraph (款) is a block of an article starting on a new line, without a "
                      "（一）（二） number (those are items, 项).",
                      "`course.law.article(\"iism\", 14)` shows the full text."]},
        solution={"zh": "2 款：第一款规定谁记录什么，第二款规定记录备份保存 60 日。",
                  "en": "2 paragraphs: the first says who records what, the second that the record "
                        "backups are kept for 60 days."},
        wrong=[1, 3, 60],
    ),
    Open(
        name="why_primary", lesson="00", min_chars=10,
        prompt={"zh": "为什么核查一篇文章时要读法律原文、并确认版本，而不是相信文章里的引文？用一两句话回答，赋给 `why_primary`（字符串）。",
                "en": "Why, when checking an article, read the statute itself and check its version, "
                      "instead of trusting the article's quotation? Answer in a sentence or two, as a "
                      "string assigned to `why_primary`."},
        hints={"zh": ["想一想：引文可能抄错、条号可能变了、规则可能只适用于某些主体。"],
               "en": ["Think: a quote can be wrong, an article number can change, a rule may only "
                      "apply to some providers."]},
        solution={"zh": "文章可能引错条号、改动原文、或引用已失效的版本；法律也会修改（如网络安全法 2026 年重新编号）。"
                        "只有原文和施行日期能告诉我们规则到底说了什么、对谁适用、今天是否有效。",
                  "en": "An article may cite the wrong number, alter the wording, or rely on a version no "
                        "longer in force; laws change (the Cybersecurity Law was renumbered in 2026). Only "
                        "the primary text and its dates tell what the rule says, whom it binds, and "
                        "whether it applies today."},
        wrong=["不知道", "idk", 42],
    ),
]
