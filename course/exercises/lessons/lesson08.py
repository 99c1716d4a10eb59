"""Exercises of lesson 08, “Chat records as evidence”.

The article and item numbers are computed from the texts in ``data/laws/`` (the one article
containing a phrase, the one item naming a kind), so a corrected text carries through;
``tests/test_legal_lessons.py`` (functions ``test_l08_*``) checks them again.

>>> from course.exercises import lesson
>>> lesson("08").evidence_article_now.evaluate(66).status
'correct'
"""
from __future__ import annotations

from ... import law
from ...claims import verdict_choices, verdict_options
from ..kinds import Choice, Number


def only_article(law_id: str, phrase: str) -> int:
    """The number of the one article of ``law_id`` whose text contains ``phrase``.

    >>> only_article("civpl-2023", "证据包括")
    66
    """
    found = law.count_word(law_id, phrase)["number"].tolist()
    if len(found) != 1:
        raise ValueError(f"{phrase!r} occurs in {len(found)} articles of {law_id}, not in exactly one")
    return int(found[0])


def item_naming(article_id: str, phrase: str, paragraph: int = 1) -> int:
    """The number of the one item of ``article_id`` (in ``paragraph``) whose text contains ``phrase``.

    >>> item_naming("civpl-2023:66", "电子数据")
    5
    """
    items = law.by_id(article_id).article.paragraph(paragraph).items
    found = [number for number, text in enumerate(items, start=1) if phrase in text]
    if len(found) != 1:
        raise ValueError(f"{phrase!r} is in {len(found)} items of {article_id}, not in exactly one")
    return found[0]


def item_mark(article_id: str, number: int, paragraph: int = 1) -> str:
    """How the text numbers item ``number``, e.g. ``"（五）"``.

    >>> item_mark("civpl-2023:66", 5)
    '（五）'
    """
    text = law.by_id(article_id).article.paragraph(paragraph).items[number - 1]
    return text[:text.index("）") + 1]


def label(article_id: str) -> str:
    """The article's own heading, e.g. ``"第六十六条"``.

    >>> label("civpl-2023:66")
    '第六十六条'
    """
    return law.by_id(article_id).article.label


OLD_NUMBER = 63                      # the article's 「第63条」 (2012/2017 text, not in data/laws/)
EVIDENCE = only_article("civpl-2023", "证据包括")
EVIDENCE_ID = f"civpl-2023:{EVIDENCE}"
E_DATA = item_naming(EVIDENCE_ID, "电子数据")
IM = item_naming("spc-evidence-2019:14", "即时通信")
ILLEGAL = only_article("spc-civpl-interp-2022", "严重侵害他人合法权益")
ILLEGAL_ID = f"spc-civpl-interp-2022:{ILLEGAL}"
SAVE_IN_CONSTITUTION = int(law.count_word("constitution", "保存")["count"].sum())

EXERCISES = [
    Number(
        name="evidence_article_now", lesson="08", points=1,
        prompt={
            "zh": "文章引用「《民事诉讼法》第63条第1款第5项」。在现行的《中华人民共和国民事诉讼法》（2023年文本）里，"
                  "列出证据种类的是第几条？填一个整数。",
            "en": "The article cites Civil Procedure Law “Art. 63, para. 1, item 5”. In the Civil Procedure Law "
                  "in force (2023 text), which article lists the kinds of evidence? Give a whole number.",
        },
        answer=EVIDENCE, integer=True, unit="条号 / article number",
        hints={
            "zh": ["在表 course.law.articles() 里找 law 为 \"civpl-2023\"、text 含“证据包括”的条文。"],
            "en": ["In course.law.articles(), find the civpl-2023 article whose text contains “证据包括” "
                   "(evidence includes)."],
        },
        solution={
            "zh": f"{label(EVIDENCE_ID)}（2021年文本和2023年文本都是）。文章用的是旧编号第{OLD_NUMBER}条（2012/2017年文本，"
                  "课程数据里没有这两个文本，见 data/laws/README.md）。",
            "en": f"Art. {EVIDENCE} (in both the 2021 and the 2023 text). The article uses the old number {OLD_NUMBER} "
                  "(2012/2017 text; those texts are not in the course's data, see data/laws/README.md).",
        },
        wrong=[63, 67, 116, 65],
    ),
    Number(
        name="e_data_item", lesson="08", points=1,
        prompt={
            "zh": "在该条第一款的列表里，“电子数据”是第几项？填一个整数。",
            "en": "In the list of para. 1 of that article, which item is electronic data (电子数据)? "
                  "Give a whole number.",
        },
        answer=E_DATA, integer=True, unit="项（序号） / item number",
        hints={
            "zh": [f"course.law.article(\"civpl\", {EVIDENCE}).paragraph(1).item(…)，试几个数。"],
            "en": [f"Try course.law.article(\"civpl\", {EVIDENCE}).paragraph(1).item(…) with a few numbers."],
        },
        solution={
            "zh": f"第{item_mark(EVIDENCE_ID, E_DATA)}项。编号变了（{OLD_NUMBER} → {EVIDENCE}），款和项没变：文章的“第1款第5项”"
                  f"今天对应{label(EVIDENCE_ID)}第一款第{item_mark(EVIDENCE_ID, E_DATA)}项。",
            "en": f"Item ({E_DATA}). The number changed ({OLD_NUMBER} → {EVIDENCE}); paragraph and item did not: the "
                  f"article's “para. 1, item 5” is today Art. {EVIDENCE}, para. 1, item ({E_DATA}).",
        },
        wrong=[4, 8, 1],
    ),
    Number(
        name="im_item", lesson="08", points=1,
        prompt={
            "zh": "《最高人民法院关于民事诉讼证据的若干规定》（2019年修正）第十四条列出电子数据的种类。"
                  "即时通信的通信信息在第几项？填一个整数。",
            "en": "The SPC Provisions on Evidence in Civil Procedures (2019 amendment), Art. 14, lists the kinds of "
                  "electronic data. Which item covers the communications of instant messaging (即时通信)? "
                  "Give a whole number.",
        },
        answer=IM, integer=True, unit="项（序号） / item number",
        hints={
            "zh": ["运行 course.law.article(\"spc-evidence\", 14)。"],
            "en": ["Run course.law.article(\"spc-evidence\", 14)."],
        },
        solution={
            "zh": f"第{item_mark('spc-evidence-2019:14', IM)}项：手机短信、电子邮件、即时通信、通讯群组等网络应用服务的通信信息。"
                  "第（一）项是网页、博客、微博客等网络平台发布的信息。",
            "en": f"Item ({IM}): communications of network application services such as text messages, e-mail, "
                  "instant messaging and group chats. Item (1) is information published on platforms such as "
                  "web pages, blogs and microblogs.",
        },
        wrong=[1, 3, 5],
    ),
    Number(
        name="illegal_evidence_article", lesson="08", points=1,
        prompt={
            "zh": "现行的民诉法解释（2022年文本）哪一条规定：以严重侵害他人合法权益等方法取得的证据，"
                  "不得作为认定案件事实的根据？填一个整数。",
            "en": "Which article of the SPC Civil Procedure Interpretation in force (2022 text) says that evidence "
                  "obtained by seriously infringing others' lawful rights (and similar means) cannot be the basis "
                  "for finding facts? Give a whole number.",
        },
        answer=ILLEGAL, integer=True, unit="条号 / article number",
        hints={
            "zh": ["用 course.law.count_word(\"spc-civpl-interp\", \"严重侵害他人合法权益\")。"],
            "en": ["Use course.law.count_word(\"spc-civpl-interp\", \"严重侵害他人合法权益\")."],
        },
        solution={
            "zh": f"{label(ILLEGAL_ID)}（2020年文本同条同文）。所以“聊天记录可以作为证据”要加两个条件：查证属实"
                  f"（民事诉讼法{label(EVIDENCE_ID)}第二款），取得方法不违法（解释{label(ILLEGAL_ID)}）。",
            "en": f"Art. {ILLEGAL} (same number and words in the 2020 text). So “chats can be used as evidence” has "
                  f"two conditions: it must be verified (Civil Procedure Law Art. {EVIDENCE}, para. 2) and lawfully "
                  f"obtained (Interpretation Art. {ILLEGAL}).",
        },
        wrong=[116, 104, 66],
    ),
    Number(
        name="constitution_save_count", lesson="08", points=1,
        prompt={
            "zh": "“保存”一词在《中华人民共和国宪法》（2018年修正）的条文里出现几次？用代码数，填一个整数。",
            "en": "How many times does “保存” (to keep, to store) occur in the articles of the Constitution (as "
                  "amended in 2018)? Count with code and give a whole number.",
        },
        answer=SAVE_IN_CONSTITUTION, integer=True, unit="次 / times",
        hints={
            "zh": ["course.law.count_word(\"constitution\", \"保存\") 返回出现该词的条文；空表是什么意思？"],
            "en": ["course.law.count_word(\"constitution\", \"保存\") lists the articles where the word "
                   "occurs; what does an empty table mean?"],
        },
        solution={
            "zh": f"{SAVE_IN_CONSTITUTION} 次。宪法第二章“公民的基本权利和义务”里没有“保存视频和聊天记录”的权利；与通信有关的是第四十条"
                  "（通信自由和通信秘密）。",
            "en": f"{SAVE_IN_CONSTITUTION} times. Chapter II of the Constitution, on citizens' fundamental rights and duties, has no "
                  "right to “keep videos and chat records”; the article about communication is Art. 40 "
                  "(freedom and privacy of correspondence).",
        },
        wrong=[1, 40, 2],
    ),
    Choice(
        name="basic_right", lesson="08", points=2,
        prompt={
            "zh": "用全课统一的结论等级（data/verdicts.csv），文章的「保存视频和聊天记录,是中国公民应有一项基本权利,"
                  "任何人都无法剥夺」应当得哪一个结论？填等级的英文代号或中文名：\n\n" + verdict_options("zh"),
            "en": "Using the course's verdict grades (data/verdicts.csv), which verdict fits the article's claim "
                  "that keeping videos and chat records is a basic right of Chinese citizens that no one can take "
                  "away? Type the grade:\n\n" + verdict_options("en"),
        },
        choices=verdict_choices(),
        answer="inaccurate",
        hints={
            "zh": ["宪法第二章里有这项权利吗？", "民法典第一千零一十九条第一款、第一千零三十三条第（五）项和"
                   "第一千零三十五条第二款，对保存他人的肖像和私密信息说了什么？这和“任何人都无法剥夺”矛盾吗？"],
            "en": ["Is there such a right in Chapter II of the Constitution?",
                   "What do Civil Code Art. 1019, para. 1, Art. 1033, item (5) and Art. 1035, para. 2 say about "
                   "keeping other people's likeness and private information? Does that contradict “no one can "
                   "take it away”?"],
        },
        solution={
            "zh": f"inaccurate（不准确）。宪法（2018年修正）第二章没有这项权利（“保存”一词在宪法里出现 {SAVE_IN_CONSTITUTION} 次），"
                  "第四十条保护的是通信自由和通信秘密，第五十一条还规定行使权利不得损害其他公民的合法的自由和权利。"
                  "民法典（2020年文本）第一千零一十九条第一款（未经同意不得制作、使用、公开他人肖像）、"
                  "第一千零三十三条第（五）项（不得处理他人的私密信息，“处理”包括存储，第一千零三十五条第二款）"
                  "直接限制了保存他人的视频和私密聊天，所以“任何人都无法剥夺”与条文相矛盾。"
                  "与课程的结论表（claims.csv，C41）一致。",
            "en": f"inaccurate. Chapter II of the Constitution (as amended 2018) has no such right (“保存” occurs "
                  f"{SAVE_IN_CONSTITUTION} times in it); Art. 40 protects the freedom and privacy of correspondence, and Art. 51 says rights "
                  "may not be exercised against other citizens' lawful freedoms and rights. Civil Code (2020 text) "
                  "Art. 1019, para. 1 (no making, using or publishing another's likeness without consent) and "
                  "Art. 1033, item (5) (no processing of another's private information; processing includes "
                  "storing, Art. 1035, para. 2) directly limit keeping other people's videos and private chats, so "
                  "“no one can take it away” contradicts the texts. Same as the course's claims table (C41).",
        },
        wrong=["accurate", "partly-accurate", "outdated"],
    ),
]

# Exercises whose answer is a verdict of the claims table (checked by the tests).
CLAIMS = {"basic_right": "C41"}
