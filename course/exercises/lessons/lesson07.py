"""Exercises of lesson 07, “Others reading your chats”.

Every answer is checked against the texts in ``data/laws/`` by the tests
(``tests/test_legal_lessons.py``, functions ``test_l07_*``).

>>> from course.exercises import lesson
>>> lesson("07").comm_content_threshold.evaluate(50).status
'correct'
"""
from __future__ import annotations

from ...claims import verdict_choices, verdict_options
from ..kinds import ArticleSet, Choice, Number

EXERCISES = [
    ArticleSet(
        name="privacy_articles", lesson="07", points=1,
        prompt={
            "zh": "《中华人民共和国民法典》（2020年文本）第四编第六章里，哪两条给出“隐私”的定义、并列出"
                  "未经同意不得实施的侵害隐私的行为？答案写成条号的集合，如 {1000, 1001}。",
            "en": "In the Civil Code (2020 text), Book Four, Chapter 6, which two articles define privacy and "
                  "list the acts that may not be done without consent? Answer with a set of article numbers "
                  "such as {1000, 1001}.",
        },
        answer={1032, 1033},
        hints={
            "zh": ["用 course.law.article(\"civil-code\", 1032) 等逐条看；第六章从第一千零三十二条开始。"],
            "en": ["Read course.law.article(\"civil-code\", 1032) and the next ones; Chapter 6 starts "
                   "at Art. 1032."],
        },
        solution={
            "zh": "{1032, 1033}：第一千零三十二条第二款定义隐私（包括私密信息），第一千零三十三条列出六项行为，"
                  "其中第（五）项是处理他人的私密信息。第一千零三十四条讲的是个人信息。",
            "en": "{1032, 1033}: Art. 1032, para. 2 defines privacy (private information included); Art. 1033 "
                  "lists six acts, item (5) being processing another person's private information. Art. 1034 "
                  "is about personal information.",
        },
        wrong=[{1034}, {1032}, {1032, 1033, 1034}, {1033, 1034}],
    ),
    Number(
        name="quote_diff_chars", lesson="07", points=1,
        prompt={
            "zh": "把文章里引用的刑法第二百五十三条之一（从“违反国家有关规定,向他人出售”到“依照各该款的规定处罚。”）"
                  "与法律文件中的条文逐字比较：两段文字一样长，有多少个位置的字符不同？不做任何规范化。"
                  "填一个整数。",
            "en": "Compare the article's quotation of Criminal Law Art. 253-1 (from “违反国家有关规定,向他人出售” "
                  "to “依照各该款的规定处罚。”) with the text in the law file, character by character, without any "
                  "normalising. Both are equally long: at how many positions do the characters differ? "
                  "Give a whole number.",
        },
        answer=17, integer=True, unit="字符 / characters",
        hints={
            "zh": ["law = course.law.by_id(\"criminal-law-2023:253-1\").text；文章全文是 "
                   "course.claims.article_text()，用 .index() 找到起点和终点。",
                   "sum(a != b for a, b in zip(quote, law)) 数出不同的位置；再看看是哪些字符。"],
            "en": ["law = course.law.by_id(\"criminal-law-2023:253-1\").text; the article is "
                   "course.claims.article_text(): find the start and end with .index().",
                   "sum(a != b for a, b in zip(quote, law)) counts the positions that differ; then look at "
                   "which characters they are."],
        },
        solution={
            "zh": "17 处：13 个半角逗号“,”对全角“，”，1 个半角分号“;”对全角“；”，3 个空格对换行（款与款之间）。"
                  "忽略空白和标点全半角之后，两段文字完全相同：文章的引文字句准确。",
            "en": "17: 13 half-width commas against full-width ones, 1 half-width semicolon against a full-width "
                  "one, and 3 spaces where the law has line breaks (between paragraphs). Ignoring whitespace "
                  "and punctuation width the two are identical: the wording of the quotation is exact.",
        },
        wrong=[0, 14, 3, 13],
    ),
    Number(
        name="comm_content_threshold", lesson="07", points=1,
        prompt={
            "zh": "按《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》"
                  "（2017年）第五条第一款第（三）项，非法获取、出售或者提供“通信内容”多少条以上，"
                  "属于刑法第二百五十三条之一的“情节严重”？填一个整数（单位：条）。",
            "en": "Under the SPC/SPP Interpretation on personal-information crimes (2017), Art. 5, para. 1, "
                  "item (3), from how many items of communication content (通信内容) illegally obtained, sold "
                  "or provided is a case “serious” (情节严重) under Criminal Law Art. 253-1? Give a whole "
                  "number (unit: items).",
        },
        answer=50, integer=True, unit="条 / items",
        hints={
            "zh": ["运行 course.law.article(\"spc-spp-pi\", 5).paragraph(1).item(3)。"],
            "en": ["Run course.law.article(\"spc-spp-pi\", 5).paragraph(1).item(3)."],
        },
        solution={
            "zh": "50 条：行踪轨迹信息、通信内容、征信信息、财产信息五十条以上（第五条第一款第（三）项）；"
                  "通信记录等是五百条（第（四）项），其他信息五千条（第（五）项）。",
            "en": "50 items: tracking, communication content, credit and property information, fifty items or "
                  "more (Art. 5, para. 1, item (3)); communication records and the like need 500 (item (4)), "
                  "other information 5,000 (item (5)).",
        },
        wrong=[500, 5000, 5, 50.5],
    ),
    Choice(
        name="quote_verdict", lesson="07", points=1,
        prompt={
            "zh": "用全课统一的结论等级（data/verdicts.csv），文章对刑法第二百五十三条之一四款的引文应当得哪一个结论？"
                  "填等级的英文代号或中文名：\n\n" + verdict_options("zh"),
            "en": "Using the course's verdict grades (data/verdicts.csv), which verdict fits the article's "
                  "quotation of the four paragraphs of Criminal Law Art. 253-1? Type the grade:\n\n"
                  + verdict_options("en"),
        },
        choices=verdict_choices(),
        answer="accurate",
        hints={
            "zh": ["course.law.normalise() 去掉空白、统一标点宽度；比较两段规范化后的文字。"],
            "en": ["course.law.normalise() removes whitespace and unifies punctuation width; compare the "
                   "two normalised texts."],
        },
        solution={
            "zh": "accurate（准确）。规范化后两段文字相同；课程里的刑法文本是修正到刑法修正案（十二）的现行文本。"
                  "与课程的结论表（claims.csv，C35）一致。",
            "en": "accurate. After normalising, the two texts are the same; the course's Criminal Law text is the one "
                  "in force, consolidated up to Amendment XII. Same as the course's claims table (C35).",
        },
        wrong=["inaccurate", "outdated", "misattributed", "partly-accurate"],
    ),
    Choice(
        name="best_fit", lesson="07", points=2,
        prompt={
            "zh": "情境：你的伴侣趁你睡着，用你的手机翻看了你的微信聊天，没有复制、没有告诉任何人。"
                  "按条文的字面，哪一项最直接适用？填字母：\n\n"
                  "A. 刑法第二百五十三条之一（侵犯公民个人信息罪）\n\n"
                  "B. 民法典第一千零三十二条、第一千零三十三条（隐私权，民事责任）\n\n"
                  "C. 刑法第二百五十三条（邮政工作人员开拆邮件）\n\n"
                  "D. 个人信息保护法",
            "en": "Situation: while you sleep, your partner reads your WeChat chats on your phone, copies "
                  "nothing and tells no one. By the words of the texts, which rule fits most directly? Answer "
                  "with the letter:\n\n"
                  "A. Criminal Law Art. 253-1 (infringing citizens' personal information)\n\n"
                  "B. Civil Code Arts. 1032 and 1033 (right of privacy; civil liability)\n\n"
                  "C. Criminal Law Art. 253 (postal workers opening mail)\n\n"
                  "D. the Personal Information Protection Law",
        },
        choices={"A": {}, "B": {}, "C": {}, "D": {}},
        answer="B",
        hints={
            "zh": ["第二百五十三条之一的行为是什么？它要求什么程度的情节？",
                   "个人信息保护法第七十二条第一款说了什么？第二百五十三条针对的是谁？"],
            "en": ["What acts does Art. 253-1 punish, and how serious must the case be?",
                   "What does PIPL Art. 72, para. 1 say? Whom does Art. 253 address?"],
        },
        solution={
            "zh": "B。民法典第一千零三十二条禁止以刺探、侵扰等方式侵害隐私，第一千零三十三条第（五）项禁止未经"
                  "明确同意处理他人的私密信息。刑法第二百五十三条之一要求出售、提供或者窃取、以其他方法非法获取，"
                  "并且情节严重（2017年解释第五条：如通信内容五十条以上）；只看一眼、不复制，条文上很难套上。"
                  "第二百五十三条只适用于邮政工作人员。个人信息保护法第七十二条第一款：自然人因个人或者家庭事务"
                  "处理个人信息的，不适用该法。",
            "en": "B. Civil Code Art. 1032 forbids infringing privacy by prying, intrusion and the like; "
                  "Art. 1033, item (5) forbids processing another's private information without express "
                  "consent. Criminal Law Art. 253-1 needs selling, providing, stealing or otherwise illegally "
                  "obtaining, and a serious case (2017 Interpretation Art. 5: e.g. fifty items of communication "
                  "content); a look without copying is hard to fit into those words. Art. 253 is about postal "
                  "workers only. PIPL Art. 72, para. 1: the law does not apply to natural persons handling "
                  "personal information for personal or family affairs.",
        },
        wrong=["A", "C", "D"],
    ),
]

# Exercises whose answer is a verdict of the claims table (checked by the tests).
CLAIMS = {"quote_verdict": "C35"}
