"""Exercises of lesson 02 (“too much data to store?”): size, compression, daily volume, interpretation.

Answers are computed here from the course's own data (the article, the law texts, the
figures table), not typed in, so they stay right if the data are corrected.
"""
from __future__ import annotations

import bz2
import zlib

import pandas as pd

from ... import claims, storage
from ..kinds import Function, Number, Open, Table

QUESTION = "到底微信会不会保存聊天记录呢?"          # an exact substring of data/article.txt
ASSUMED_CHARS = 20                                 # characters per message: an assumption, stated in the prompt
_MSGS_2017 = storage.figure_row("wechat_msgs_per_day_2017_09")["number"] * 1e9
ZLIB_LAW = "csl-2026"          # zlib_ratio compresses this law, not the Criminal Law the lesson measures
#: What the anticipated answers of million_chars_mb and zlib_ratio (data/mistakes.csv) compute with.
TEXTS = {"article_text": claims.article_text, "law_text": storage.law_text, "zlib": zlib, "bz2": bz2}


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


MAU_YEAR = "2018"      # not a year the lesson's prose or chart annotation states the figures of


def mau_2018() -> pd.Series:
    """The monthly active accounts (millions) dated 2018: the model answer of ``mau_2018``.

    >>> mau_2018().index.tolist()
    ['wechat_mau_2018q1', 'wechat_mau_2018q3', 'wechat_mau_2018q4']
    """
    figures = storage.figures()
    return figures[figures["key"].str.startswith("wechat_mau_" + MAU_YEAR)]["number"]


def _mau_text(sep: str) -> str:
    return sep.join(f"{number:g}" for number in mau_2018())


def _million_article_mb() -> float:
    """MB of a million characters at the article's own bytes per character in UTF-8."""
    text = claims.article_text()
    return len(text.encode("utf-8")) / len(text) * 1_000_000 / 1_000_000


ARTICLE_MB = _million_article_mb()                          # the answer of million_chars_mb
CRIMINAL_LAW_MB = storage.million_char_bytes("UTF-8") / 1e6  # what the lesson measured before it


def _zlib_ratio(law_id: str = ZLIB_LAW) -> float:
    data = storage.law_text(law_id).encode("utf-8")
    return len(data) / len(zlib.compress(data))


ZLIB_RATIO = _zlib_ratio()                                   # the answer of zlib_ratio
CRIMINAL_LAW_RATIO = _zlib_ratio(storage.SAMPLE_LAW)         # the law the lesson's table compressed


EXERCISES = [
    Function(
        name="utf8_bytes", lesson="02", reference=utf8_bytes,
        cases=[(QUESTION, utf8_bytes(QUESTION)), ("", 0), ("a", 1), ("微信", 6), ("WeChat 微信", 13),
               ("𠀀", 4)],
        prompt={"zh": "写一个函数 `utf8_bytes(text)`，返回 `text` 用 UTF-8 编码占多少字节（整数）。"
                      "它会在几段文字上检验，包括文章里的问句「" + QUESTION + "」、空字符串、英文字母和一个"
                      "不在基本平面里的汉字。",
                "en": "Write a function `utf8_bytes(text)` that returns how many bytes `text` takes in UTF-8 "
                      "(an int). It is checked on several texts, among them the article's question 「"
                      + QUESTION + "」, the empty string, Latin letters and a Chinese character outside the "
                      "Basic Multilingual Plane."},
        hints={"zh": ["`len(text)` 数的是字数，不是字节数。", "`text.encode(\"utf-8\")` 得到字节串；它的 `len` 就是字节数。"],
               "en": ["`len(text)` counts characters, not bytes.",
                      "`text.encode(\"utf-8\")` gives the bytes; their `len` is the byte count."]},
        solution={"zh": "`return len(text.encode(\"utf-8\"))`。文章的问句是 43 字节：14 个汉字各 3 字节，半角问号 1 字节；"
                        "“𠀀”这样的扩展区汉字占 4 字节，所以“每字 3 字节”只是常用字的情形。",
                  "en": "`return len(text.encode(\"utf-8\"))`. The article's question is 43 bytes: 14 Chinese "
                        "characters at 3 bytes each plus 1 for the half-width question mark; a character from "
                        "an extension block such as “𠀀” takes 4 bytes, so “3 bytes per character” holds only "
                        "for common characters."},
        wrong=[len, lambda text: 3 * len(text), lambda text: 43, lambda text: len(text.encode("gb18030")),
               lambda text: str(len(text.encode("utf-8")))],
    ),
    Number(
        name="million_chars_mb", lesson="02", tolerance=0.005, relative=True, unit="MB", context=TEXTS,
        answer=ARTICLE_MB,
        prompt={"zh": "上面量的是《刑法》条文。现在换一段文字：用 `course.claims.article_text()`（文章本身）量出 UTF-8 下"
                      "平均每个字几个字节，算出一百万个这样的字有多少 MB（1 MB = 1 000 000 字节），赋给 `million_chars_mb`。",
                "en": "The lesson measured the Criminal Law. Now take another text: with `course.claims.article_text()` "
                      "(the article itself), measure the average bytes per character in UTF-8 and work out how many "
                      "MB (1 MB = 1,000,000 bytes) one million such characters take. Assign it to `million_chars_mb`."},
        hints={"zh": ["每字字节数 = `len(text.encode(\"utf-8\")) / len(text)`，这里 `text = course.claims.article_text()`。",
                      "乘以 1 000 000 个字，再除以 1 000 000 换成 MB。注意 MB 不是 MiB（1 MiB = 1 048 576 字节）。"],
               "en": ["Bytes per character = `len(text.encode(\"utf-8\")) / len(text)`, here with "
                      "`text = course.claims.article_text()`.",
                      "Multiply by 1,000,000 characters, then divide by 1,000,000 for MB. MB is not MiB "
                      "(1 MiB = 1,048,576 bytes)."]},
        solution={"zh": f"约 {ARTICLE_MB:.2f} MB，比《刑法》文本的 {CRIMINAL_LAW_MB:.2f} MB 少："
                        "文章用的是半角逗号和问号，还有数字、空格和换行，这些在 UTF-8 里各占 1 字节。"
                        "每字 3 字节只是汉字的情形，平均数要量出来。\n\n```python\ntext = course.claims.article_text()\n"
                        "million_chars_mb = len(text.encode(\"utf-8\")) / len(text) * 1_000_000 / 1_000_000\n```",
                  "en": f"About {ARTICLE_MB:.2f} MB, less than the Criminal Law's "
                        f"{CRIMINAL_LAW_MB:.2f} MB: the article uses half-width commas and "
                        "question marks, and has digits, spaces and line breaks, which take 1 byte each in UTF-8. "
                        "3 bytes per character holds for Chinese characters only; the average has to be measured."
                        "\n\n```python\ntext = course.claims.article_text()\n"
                        "million_chars_mb = len(text.encode(\"utf-8\")) / len(text) * 1_000_000 / 1_000_000\n```"},
        wrong=[3, CRIMINAL_LAW_MB, ARTICLE_MB * 1e6 / 2 ** 20,
               str(round(ARTICLE_MB, 2))],
    ),
    Number(
        name="zlib_ratio", lesson="02", tolerance=0.01, relative=True, context=TEXTS,
        unit="倍（原大小 ÷ 压缩后大小） / times (original ÷ compressed)",
        answer=ZLIB_RATIO,
        prompt={"zh": "上面的表压缩的是《刑法》。现在换一部法律：把现行《网络安全法》的条文 "
                      f"`course.storage.law_text(\"{ZLIB_LAW}\")` 编码成 UTF-8，用 `zlib.compress(data)`（默认级别）压缩。"
                      "压缩比（原大小 ÷ 压缩后大小）是多少？赋给 `zlib_ratio`。",
                "en": "The table above compressed the Criminal Law. Now take another law: encode the articles of the "
                      f"Cybersecurity Law in force, `course.storage.law_text(\"{ZLIB_LAW}\")`, as UTF-8 and compress "
                      "them with `zlib.compress(data)` (default level). What is the compression ratio (original "
                      "size ÷ compressed size)? Assign it to `zlib_ratio`."},
        hints={"zh": [f"`import zlib`，`data = course.storage.law_text(\"{ZLIB_LAW}\").encode(\"utf-8\")`。",
                      "`len(data) / len(zlib.compress(data))`"],
               "en": [f"`import zlib`, `data = course.storage.law_text(\"{ZLIB_LAW}\").encode(\"utf-8\")`.",
                      "`len(data) / len(zlib.compress(data))`"]},
        solution={"zh": f"约 {ZLIB_RATIO:.1f} 倍，不到《刑法》的 {CRIMINAL_LAW_RATIO:.1f} 倍："
                        f"同样是法律条文（{len(storage.law_text(ZLIB_LAW)):,} 字，《刑法》{len(storage.law_text()):,} 字），"
                        "压缩比却不同：它取决于文本的长短和用语重复的多少，不能从一个文本推到另一个，要量出来；"
                        "一条一条单独压缩的短消息几乎压不动。\n\n```python\nimport zlib\n"
                        f"data = course.storage.law_text(\"{ZLIB_LAW}\").encode(\"utf-8\")\n"
                        "zlib_ratio = len(data) / len(zlib.compress(data))\n```",
                  "en": f"About {ZLIB_RATIO:.1f}×, less than the Criminal Law's "
                        f"{CRIMINAL_LAW_RATIO:.1f}×: both are law texts ({len(storage.law_text(ZLIB_LAW)):,} "
                        f"characters against {len(storage.law_text()):,}), yet the ratios differ. The ratio depends on "
                        "the length of the text and how much of its wording repeats; it cannot be carried over from "
                        "one text to another and has to be measured. Short messages compressed one by one hardly "
                        "shrink at all."
                        "\n\n```python\nimport zlib\n"
                        f"data = course.storage.law_text(\"{ZLIB_LAW}\").encode(\"utf-8\")\n"
                        "zlib_ratio = len(data) / len(zlib.compress(data))\n```"},
        wrong=[2.38, 1 / ZLIB_RATIO, CRIMINAL_LAW_RATIO, 80.0, str(round(ZLIB_RATIO, 1))],
    ),
    Number(
        name="daily_text_tb", lesson="02", tolerance=0.01, relative=True, unit="TB",
        answer=_MSGS_2017 * ASSUMED_CHARS * 3 / 1e12,
        prompt={"zh": "2017 年的微信数据报告说每天发送 380 亿条消息（`course.storage.cite(\"wechat_msgs_per_day_2017_09\")`）。"
                      f"假设每条 {ASSUMED_CHARS} 个字、每字 3 字节（UTF-8）、不压缩，一天的文字有多少 TB"
                      "（1 TB = 10¹² 字节）？赋给 `daily_text_tb`。",
                "en": "WeChat's 2017 data report says 38 billion messages were sent per day "
                      "(`course.storage.cite(\"wechat_msgs_per_day_2017_09\")`). Assuming "
                      f"{ASSUMED_CHARS} characters per message, 3 bytes per character (UTF-8) and no "
                      "compression, how many TB (1 TB = 10¹² bytes) of text is that per day? Assign it to "
                      "`daily_text_tb`."},
        hints={"zh": ["字节数 = 消息数 × 每条字数 × 每字字节数。", "380 亿 = 38e9；再除以 1e12 换成 TB。"],
               "en": ["bytes = messages × characters per message × bytes per character.",
                      "38 billion = 38e9; divide by 1e12 for TB."]},
        solution={"zh": "38e9 × 20 × 3 = 2.28e12 字节 = 2.28 TB/天（按 TiB 算是 2.07）。"
                        "每条字数是假设：没有找到公开的平均消息长度。\n\n```python\ndaily_text_tb = 38e9 * 20 * 3 / 1e12\n```",
                  "en": "38e9 × 20 × 3 = 2.28e12 bytes = 2.28 TB per day (2.07 TiB). The characters per "
                        "message are an assumption: no published average message length was found.\n\n```python\ndaily_text_tb = 38e9 * 20 * 3 / 1e12\n```"},
        wrong=[2.07, 2280, 0.76, "2.28"],
    ),
    Table(
        name="mau_2018", lesson="02", expected=mau_2018, context={"figures": storage.figures},
        prompt={"zh": "用 pandas 在数据表里筛选：`figures = course.storage.figures()`，月活跃账户（百万）那些行的代号"
                      "（`key` 一列）以 `\"wechat_mau_\"` 开头，后面是年份和季度（如 `wechat_mau_2019q4`）。"
                      f"取出 {MAU_YEAR} 年那些行的数值（`number` 一列），把这个 Series 赋给 `mau_2018`。它们超过 12 亿了吗？",
                "en": "Filter the figures table with pandas: with `figures = course.storage.figures()`, the keys "
                      "(the `key` column) of the monthly active accounts (millions) start with `\"wechat_mau_\"`, "
                      "followed by the year and quarter (e.g. `wechat_mau_2019q4`). Take the values (the `number` "
                      f"column) of the rows of {MAU_YEAR} and assign that Series to `mau_2018`. Are they above "
                      "1.2 billion?"},
        hints={"zh": ["一个条件得出一列 True/False：`figures[\"key\"].str.startswith(...)`；用它选行。",
                      f"`figures[figures[\"key\"].str.startswith(\"wechat_mau_{MAU_YEAR}\")][\"number\"]`"],
               "en": ["A condition gives a column of True/False: `figures[\"key\"].str.startswith(...)`; use it "
                      "to pick rows.",
                      f"`figures[figures[\"key\"].str.startswith(\"wechat_mau_{MAU_YEAR}\")][\"number\"]`"]},
        solution={"zh": f"先筛选行，再取 `number` 一列：{MAU_YEAR} 年的 {len(mau_2018())} 个数 {_mau_text('、')}（百万账户），"
                        f"最大的 {mau_2018().max():g} 百万也不到 1200 百万 = 12 亿。所以「目前微信用户已经超过12亿」"
                        f"在 {MAU_YEAR} 年还不成立；文章没有日期，这句话若在写作时属实，文章大约写于 2020 年以后（账户不等于人）。"
                        "\n\n```python\nfigures = course.storage.figures()\n"
                        f"mau_2018 = figures[figures[\"key\"].str.startswith(\"wechat_mau_{MAU_YEAR}\")][\"number\"]\n```",
                  "en": f"Filter the rows, then take the `number` column: the {len(mau_2018())} figures of {MAU_YEAR} "
                        f"are {_mau_text(', ')} (million accounts); even the largest, {mau_2018().max():g} million, "
                        "is below 1,200 million = 1.2 billion. So 「目前微信用户已经超过12亿」 (over 1.2 billion "
                        f"users) did not yet hold in {MAU_YEAR}; the article has no date, and if the sentence was true "
                        "when written, the article dates from about 2020 on (accounts are not people)."
                        "\n\n```python\nfigures = course.storage.figures()\n"
                        f"mau_2018 = figures[figures[\"key\"].str.startswith(\"wechat_mau_{MAU_YEAR}\")][\"number\"]\n```"},
        wrong=[storage.figures()["number"], mau_2018().to_frame(), list(mau_2018())],
    ),
    Open(
        name="can_vs_does", lesson="02", min_chars=20,
        prompt={"zh": "用两三句话回答：为什么“存得起”不是“存了”的证据，也不是“必须存”的证据？"
                      "要证明“存了”，需要什么样的证据？把回答（字符串）赋给 `can_vs_does`。",
                "en": "In two or three sentences: why is “they could afford to store it” evidence neither that "
                      "chats are stored nor that they must be? What kind of evidence would show that they are "
                      "stored? Assign your answer (a string) to `can_vs_does`."},
        hints={"zh": ["想想第 04 课会看的证据：公司的说明、帮助中心写的保存期限、法院案件、独立的技术研究。"],
               "en": ["Think of the evidence lesson 04 looks at: company statements, the help centre's retention "
                      "periods, court cases, independent technical research."]},
        solution={"zh": "能力只说明一件事可能发生，不说明它发生了：很多存得起的数据并没有被存。义务来自法律条文，"
                        "要看具体条款的文本和适用范围，与存储费用无关。要证明“存了”，需要直接的证据：公司自己的说明"
                        "（如帮助中心写明文字消息在服务器上保留 72 小时）、法院案件中调取或提交的记录、独立研究者的测量。",
                  "en": "Capability only shows that something could happen, not that it does: plenty of data "
                        "that could be kept is not. A duty comes from the text and scope of a legal provision, "
                        "not from storage prices. Showing that chats are stored takes direct evidence: the "
                        "company's own statements (e.g. the help centre's 72 hours of server retention for "
                        "text), records produced in court cases, measurements by independent researchers."},
        wrong=["能存", 42],
    ),
]
