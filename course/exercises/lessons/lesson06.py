"""Exercises of lesson 06, “Can the police read your chats?”.

Every answer is checked against the texts in ``data/laws/`` by the tests
(``tests/test_legal_lessons.py``, functions ``test_l06_*``).

>>> from course.exercises import lesson
>>> lesson("06").approval_level.evaluate("B").status
'correct'
"""
from __future__ import annotations

from ...claims import verdict_choices, verdict_options
from ..kinds import ArticleSet, Choice, Number

MPS = {"zh": "《公安机关办理刑事案件程序规定》（2020年文本）", "en": "the MPS Criminal Case Procedure Provisions (2020 text)"}

EXERCISES = [
    Choice(
        name="approval_level", lesson="06", points=1,
        prompt={
            "zh": f"按{MPS['zh']}第二百六十五条第一款，公安机关采取技术侦查措施，由谁批准？"
                  "填选项字母（或选项原文）：\n\n"
                  "A. 县级以上公安机关负责人\n\nB. 设区的市一级以上公安机关负责人\n\n"
                  "C. 办案部门负责人\n\nD. 人民法院",
            "en": f"Under {MPS['en']}, Art. 265, para. 1, who approves technical investigation "
                  "measures taken by the police? Answer with the letter:\n\n"
                  "A. the head of a police organ at county level or above (县级以上公安机关负责人)\n\n"
                  "B. the head of a police organ of a city divided into districts or above "
                  "(设区的市一级以上公安机关负责人)\n\n"
                  "C. the head of the case-handling unit (办案部门负责人)\n\nD. a people's court",
        },
        choices={
            "A": {"zh": "县级以上公安机关负责人"},
            "B": {"zh": "设区的市一级以上公安机关负责人"},
            "C": {"zh": "办案部门负责人"},
            "D": {"zh": "人民法院", "en": "a people's court"},
        },
        answer="B",
        hints={
            "zh": ["运行 course.law.article(\"mps-procedure\", 265).paragraph(1)，读一读。",
                   "刑事诉讼法第一百五十条只说“经过严格的批准手续”，批准的级别写在公安部的程序规定里。"],
            "en": ["Run course.law.article(\"mps-procedure\", 265).paragraph(1) and read it.",
                   "Criminal Procedure Law Art. 150 only says “经过严格的批准手续” (strict approval "
                   "procedures); the approval level is in the MPS provisions."],
        },
        solution={
            "zh": "B。《公安机关办理刑事案件程序规定》（2020年文本）第二百六十五条第一款：报设区的市一级以上"
                  "公安机关负责人批准；第二百六十四条第一款：由设区的市一级以上公安机关负责技术侦查的部门实施。"
                  "文章说的“县级以上”（A）不对：在技术侦查一节里，“县级以上公安机关负责人”只出现在"
                  "第二百七十一条（隐匿身份侦查）和第二百七十二条（控制下交付）。",
            "en": "B. MPS Provisions (2020 text), Art. 265, para. 1: approval by the head of a police organ "
                  "of a city divided into districts or above; Art. 264, para. 1: carried out by that level's "
                  "technical investigation unit. The article's “county level or above” (A) is wrong: in the "
                  "technical investigation section, “县级以上公安机关负责人” appears only in Art. 271 "
                  "(undercover investigation) and Art. 272 (controlled delivery).",
        },
        wrong=["A", "C", "D", "县级以上公安机关负责人", "办案部门负责人"],
    ),
    ArticleSet(
        name="county_level_articles", lesson="06", points=1,
        prompt={
            "zh": f"在{MPS['zh']}第八章第十节“技术侦查”里，哪几条写有“县级以上公安机关负责人”？"
                  "用代码查：course.law.articles() 是所有条文的表（列 law、section、text）。"
                  "答案写成条号的集合，如 {100, 101}。",
            "en": f"In {MPS['en']}, Chapter 8, Section 10 “技术侦查” (technical investigation), which "
                  "articles contain “县级以上公安机关负责人” (head of a police organ at county level or "
                  "above)? Find them with code: course.law.articles() is the table of all articles "
                  "(columns law, section, text). Answer with a set of article numbers such as {100, 101}.",
        },
        answer={271, 272},
        hints={
            "zh": ["先筛出这部规章：arts[arts[\"law\"] == \"mps-procedure-2020\"]。",
                   "再加两个条件：section 含“技术侦查”（.str.contains），text 含“县级以上公安机关负责人”；"
                   "看 number 列。"],
            "en": ["First keep this rule only: arts[arts[\"law\"] == \"mps-procedure-2020\"].",
                   "Then two more conditions: section contains “技术侦查” (.str.contains) and text "
                   "contains “县级以上公安机关负责人”; read the number column."],
        },
        solution={
            "zh": "{271, 272}：隐匿身份侦查（第二百七十一条）和控制下交付（第二百七十二条）由县级以上公安机关"
                  "负责人决定；技术侦查措施本身（第二百六十五条）要设区的市一级以上公安机关负责人批准。",
            "en": "{271, 272}: undercover investigation (Art. 271) and controlled delivery (Art. 272) are "
                  "decided by the head of a county-level police organ or above; technical investigation "
                  "measures themselves (Art. 265) need the head of a city-level organ or above.",
        },
        wrong=[{265}, {264, 265}, {271}, {150}],
    ),
    Number(
        name="validity_months", lesson="06", points=1,
        prompt={
            "zh": "按《中华人民共和国刑事诉讼法》（2018年文本）第一百五十一条，技术侦查措施的批准决定"
                  "自签发之日起几个月以内有效？填一个整数（单位：月）。",
            "en": "Under the Criminal Procedure Law (2018 text), Art. 151, for how many months from signing "
                  "is an approval of technical investigation measures valid? Give a whole number (unit: months).",
        },
        answer=3, integer=True, unit="月 / months",
        hints={
            "zh": ["运行 course.law.article(\"cpl\", 151)。"],
            "en": ["Run course.law.article(\"cpl\", 151)."],
        },
        solution={
            "zh": "3 个月（刑事诉讼法 2018 年文本第一百五十一条）；复杂、疑难案件经过批准可以延长，"
                  "每次不得超过三个月。公安部程序规定（2020年文本）第二百六十六条写法相同。",
            "en": "3 months (Criminal Procedure Law, 2018 text, Art. 151); in complex or difficult cases it can "
                  "be extended with approval, by at most three months each time. MPS Provisions (2020 text) "
                  "Art. 266 says the same.",
        },
        wrong=[6, 1, 12, 3.5],
    ),
    Choice(
        name="before_filing", lesson="06", points=1,
        prompt={
            "zh": f"立案之前，公安机关对线索进行“调查核实”时，按{MPS['zh']}第一百七十四条第二款，"
                  "下列哪一项是可以做的？填字母：\n\nA. 采取技术侦查措施\n\nB. 调取证据材料\n\n"
                  "C. 冻结被调查对象的财产",
            "en": f"Before a case is filed (立案), while the police “investigate and verify” (调查核实) a lead, "
                  f"which of these may they do under {MPS['en']}, Art. 174, para. 2? Answer with the letter:\n\n"
                  "A. take technical investigation measures\n\nB. obtain evidence materials (调取证据材料)\n\n"
                  "C. freeze the property of the person looked into",
        },
        choices={
            "A": {"zh": "采取技术侦查措施", "en": "take technical investigation measures"},
            "B": {"zh": "调取证据材料", "en": "obtain evidence materials"},
            "C": {"zh": "冻结被调查对象的财产", "en": "freeze the property"},
        },
        answer="B",
        hints={
            "zh": ["运行 course.law.article(\"mps-procedure\", 174).paragraph(2)。"],
            "en": ["Run course.law.article(\"mps-procedure\", 174).paragraph(2)."],
        },
        solution={
            "zh": "B。第一百七十四条第二款允许询问、查询、勘验、鉴定和调取证据材料等不限制人身、财产权利的措施，"
                  "但明确不得采取技术侦查措施，也不得查封、扣押、冻结财产。所以文章说“立案后才可以侦查”"
                  "对技术侦查成立，但立案前并非什么都不能做。",
            "en": "B. Art. 174, para. 2 allows questioning, enquiries, inspection, expert examination and obtaining "
                  "evidence materials — measures that do not restrict personal or property rights — but "
                  "expressly forbids technical investigation measures and sealing, seizing or freezing "
                  "property. So “only after filing” holds for technical investigation, but the police are "
                  "not idle before filing.",
        },
        wrong=["A", "C", "采取技术侦查措施"],
    ),
    Choice(
        name="deleted_chats", lesson="06", points=1,
        prompt={
            "zh": "文章说「就算删除了聊天记录,警察也是可以恢复聊天记录的」。课程里的法律文本支持哪一种说法？填字母：\n\n"
                  "A. 法律保证警察一定能恢复删除的聊天记录\n\n"
                  "B. 法律把电子数据列为证据，并规定怎样收集、提取和审查；删除的记录能不能恢复是技术问题，法律文本没有回答\n\n"
                  "C. 法律禁止警察恢复删除的聊天记录",
            "en": "The article says deleted chats can always be recovered by the police. Which statement do the "
                  "law texts in the course support? Answer with the letter:\n\n"
                  "A. the law guarantees that police can recover deleted chats\n\n"
                  "B. the law makes electronic data a kind of evidence and says how it is collected, extracted "
                  "and examined; whether deleted records can be recovered is a technical question the texts do "
                  "not answer\n\n"
                  "C. the law forbids police to recover deleted chats",
        },
        choices={"A": {}, "B": {}, "C": {}},
        answer="B",
        hints={
            "zh": ["用 course.law.count_word(\"mps-procedure\", \"恢复\") 和 count_word(\"cpl\", \"恢复\") 数一数。",
                   "“删除”一词出现在哪一条？那一条说的是什么？"],
            "en": ["Count with course.law.count_word(\"mps-procedure\", \"恢复\") and "
                   "count_word(\"cpl\", \"恢复\").",
                   "In which article does “删除” (delete) occur, and what does that article say?"],
        },
        solution={
            "zh": "B。刑事诉讼法（2018年文本）第五十条第二款第（八）项把电子数据列为证据；公安部程序规定（2020年文本）"
                  "第六十六条规定扣押原始存储介质、现场或网络在线提取，并要求电子数据“无删除、修改、增加”才可用作证据。"
                  "两部文本都没有说删除的记录能否恢复：这要看设备、加密和数据是否已被覆盖，是技术问题。"
                  "有过在设备上恢复的报道（2018年合肥，见课程来源表 tencent-denial-2018-04-29），"
                  "但文章“也是可以恢复的”说得太绝对（课程结论表 C30：部分准确）。",
            "en": "B. Criminal Procedure Law (2018 text), Art. 50, para. 2, item (8) lists electronic data as "
                  "evidence; MPS Provisions (2020 text), Art. 66 provides for seizing the original storage medium "
                  "or extracting data on site or online, and admits electronic data only if nothing was deleted, "
                  "altered or added. Neither text says whether deleted records can be recovered: that depends on "
                  "the device, its encryption and whether the data was overwritten: a technical question. "
                  "Recovery from a device has been reported (Hefei, 2018; course source tencent-denial-2018-04-29), "
                  "but the article's “can be recovered” is too absolute (claims table C30: partly accurate).",
        },
        wrong=["A", "C"],
    ),
    Choice(
        name="verdict_county_level", lesson="06", points=1,
        prompt={
            "zh": "用全课统一的结论等级（data/verdicts.csv），文章的「一是微信内容涉及刑事案件,特别是重要的刑事案件侦查线索,"
                  "县级以上公安机关可以对这个手机号码采取技术侦查手段」应当得哪一个结论？填等级的英文代号或中文名：\n\n"
                  + verdict_options("zh"),
            "en": "Using the course's verdict grades (data/verdicts.csv), which verdict fits the article's claim that "
                  "county-level police may use technical investigation measures on the phone number once WeChat "
                  "content concerns a criminal case? Type the grade:\n\n" + verdict_options("en"),
        },
        choices=verdict_choices(),
        answer="inaccurate",
        hints={
            "zh": ["三个要点：什么时候可以用（立案前还是立案后）？谁批准？级别和文章说的一样吗？"],
            "en": ["Three points: when may the measures be used (before or after filing)? Who approves? "
                   "Is that the level the article names?"],
        },
        solution={
            "zh": "inaccurate（不准确）。技术侦查须在立案后、限于严重犯罪（刑事诉讼法2018年文本第一百五十条第一款），"
                  "由设区的市一级以上公安机关负责人批准（公安部程序规定2020年文本第二百六十五条第一款）；"
                  "“县级以上”与条文相矛盾，只有“线索”也不够。与课程的结论表（claims.csv，C25）一致。",
            "en": "inaccurate. Technical investigation is possible only after filing, for serious crimes (Criminal "
                  "Procedure Law, 2018 text, Art. 150, para. 1), approved by the head of a police organ of a city "
                  "divided into districts or higher (MPS Provisions, 2020 text, Art. 265, para. 1); “county level” "
                  "contradicts the text, and a lead is not enough. Same as the course's claims table (C25).",
        },
        wrong=["partly-accurate", "accurate", "outdated", "部分准确"],
    ),
]

# Exercises whose answer is a verdict of the claims table (checked by the tests).
CLAIMS = {"verdict_county_level": "C25"}
