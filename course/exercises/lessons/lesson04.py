"""Exercises of lesson 04 (what WeChat says, and what others found): kinds of evidence."""
from __future__ import annotations

from ... import claims, storage
from ..kinds import Choice, Number, Open

EVIDENCE = {
    "company statement": {"zh": "公司陈述", "en": "company statement"},
    "legal duty": {"zh": "法律义务", "en": "legal duty"},
    "technical capability": {"zh": "技术能力", "en": "technical capability"},
    "independent measurement": {"zh": "独立测量", "en": "independent measurement"},
}
VERDICT_CHOICES = {v: {"zh": claims.verdict_label(v, "zh"), "en": claims.verdict_label(v, "en")}
                   for v in claims.verdicts().index}
HOURS_TEXT = int(storage.figures().loc["wechat_server_retention_text", "number"])
SERVERS_CLAIM = claims.claims()[claims.claims()["quote"].str.startswith("微信的确不会保存")].iloc[0]

EXERCISES = [
    Number(
        name="help_centre_hours", lesson="04", integer=True, answer=HOURS_TEXT, unit="h",
        prompt={"zh": "WeChat 帮助中心说，文字消息发出后最多在服务器上保留多少小时？从 `course.storage.figures()` 中查到这个数，"
                      "把整数赋给 `help_centre_hours`。",
                "en": "According to the WeChat help centre, for how many hours at most does a text message stay on "
                      "the servers after it is sent? Look it up in `course.storage.figures()` and assign the whole "
                      "number to `help_centre_hours`."},
        hints={"zh": ["键名以 `wechat_server_retention` 开头。", "`course.storage.figures().loc[\"wechat_server_retention_text\"]`"],
               "en": ["The key starts with `wechat_server_retention`.",
                      "`course.storage.figures().loc[\"wechat_server_retention_text\"]`"]},
        solution={"zh": f"{HOURS_TEXT} 小时（图片、语音、视频和文件为 120 小时）。来源：WeChat（海外版）帮助中心，当前页面，无日期；可靠性：primary。"
                        "这是公司自己的说法，不是独立测量。",
                  "en": f"{HOURS_TEXT} hours (120 hours for images, audio, video and files). Source: WeChat (international) "
                        "help centre, current page, undated; reliability: primary. It is the company's own account, not an "
                        "independent measurement."},
        wrong=[120, 0, "72"],
    ),
    Choice(
        name="evidence_court_letter", lesson="04", choices=EVIDENCE, answer="company statement",
        prompt={"zh": "腾讯 2017-05-08 给法院的《调查函回函》是哪一种证据？从 `\"company statement\"`、`\"legal duty\"`、"
                      "`\"technical capability\"`、`\"independent measurement\"` 中选一个，赋给 `evidence_court_letter`。",
                "en": "What kind of evidence is Tencent's reply of 2017-05-08 to a court's letter of inquiry? Choose "
                      "one of `\"company statement\"`, `\"legal duty\"`, `\"technical capability\"`, "
                      "`\"independent measurement\"` and assign it to `evidence_court_letter`."},
        hints={"zh": ["谁写的？写的人有没有可能核实自己的说法之外的东西？"],
               "en": ["Who wrote it? Does anyone outside the company check what it says?"]},
        solution={"zh": "`\"company statement\"`：写给法院的正式答复，但内容仍是公司对自己的描述，没有第三方测量或核查；而且原件只见图片，法院名称被遮去。",
                  "en": "`\"company statement\"`: a formal answer to a court, but still the company describing itself, "
                        "with no third-party measurement or check; and the original is known only from an image with "
                        "the court's name redacted."},
        wrong=["independent measurement", "legal duty"],
    ),
    Choice(
        name="evidence_citizen_lab", lesson="04", choices=EVIDENCE, answer="independent measurement",
        prompt={"zh": "公民实验室（Citizen Lab）2016 年发现微信在服务器端过滤关键词。这是哪一种证据？赋给 `evidence_citizen_lab`。",
                "en": "In 2016 Citizen Lab found that WeChat filters keywords on its servers. What kind of evidence is "
                      "that? Assign it to `evidence_citizen_lab`."},
        hints={"zh": ["研究者是怎么知道的？是问了公司，还是自己做了实验？"],
               "en": ["How did the researchers know: did they ask the company, or run experiments?"]},
        solution={"zh": "`\"independent measurement\"`：研究者用不同地区注册的账户发送消息、观察哪些被拦截。它证明了过滤这一技术事实，但测不出消息是否被保存。",
                  "en": "`\"independent measurement\"`: the researchers sent messages from accounts registered in "
                        "different regions and observed which were blocked. It establishes filtering as a technical "
                        "fact, but cannot tell whether messages are stored."},
        wrong=["company statement", "technical capability"],
    ),
    Choice(
        name="verdict_not_on_servers", lesson="04", choices=VERDICT_CHOICES, answer=SERVERS_CLAIM["verdict"],
        prompt={"zh": "文章从两条法律规定推出「微信的确不会保存普通用户的聊天记录到服务器中」。按结论词表，它该判为哪一种？赋给 `verdict_not_on_servers`。",
                "en": "From two legal rules the article concludes 「微信的确不会保存普通用户的聊天记录到服务器中」 "
                      "(“WeChat indeed does not keep ordinary users' chats on its servers”). Which verdict fits? "
                      "Assign it to `verdict_not_on_servers`."},
        hints={"zh": ["法律规定“应当怎样”，能证明公司“实际怎样”吗？", "再想想帮助中心的 72 小时和被举报内容的案例。"],
               "en": ["Can a rule about what a company must do show what it actually does?",
                      "Think again of the help centre's 72 hours and the case about reported content."]},
        solution={"zh": f"`\"{SERVERS_CLAIM['verdict']}\"`（{claims.verdict_label(SERVERS_CLAIM['verdict'], 'zh')}）：{SERVERS_CLAIM['reasons_zh']}",
                  "en": f"`\"{SERVERS_CLAIM['verdict']}\"` ({claims.verdict_label(SERVERS_CLAIM['verdict'], 'en')}): {SERVERS_CLAIM['reasons_en']}"},
        wrong=["accurate", "opinion"],
    ),
    Open(
        name="statement_vs_help_centre", lesson="04", min_chars=20,
        prompt={"zh": "“微信不留存任何用户的聊天记录”和帮助中心的“最多在服务器上保留 72 小时”矛盾吗？用两三句话说明，赋给 `statement_vs_help_centre`。",
                "en": "Do “WeChat does not keep any user's chat records” and the help centre's “kept on the servers "
                      "for up to 72 hours” contradict each other? Explain in two or three sentences, as a string "
                      "assigned to `statement_vs_help_centre`."},
        hints={"zh": ["“留存”“保存”可以指长期保存，也可以包括传递中的暂存。", "两种说法分别来自哪个版本的产品（微信 / WeChat）？"],
               "en": ["“Keep” may mean long-term storage, or include temporary storage during delivery.",
                      "Which product does each statement come from (Weixin in mainland China / WeChat abroad)?"]},
        solution={"zh": "不一定矛盾，但说明“只存储在终端设备上”说得太满：消息至少会在服务器上暂存到送达（帮助中心说最多 72 小时，图片等 120 小时），收藏另存。"
                        "而且两者来源不同：声明是国内“微信派”发的，帮助中心是海外版 WeChat 的；国内《微信隐私保护指引》的相关措辞本课程未取得。两者都是公司陈述，没有独立测量。",
                  "en": "Not necessarily, but it shows “stored only on the devices” is too strong: messages sit on the "
                        "servers at least until delivered (up to 72 hours per the help centre, 120 for images etc.), "
                        "and Favorites are kept. The sources also differ: the statement came from mainland 微信派, "
                        "the help centre is international WeChat's; the mainland privacy guidelines' wording was not "
                        "retrieved. Both are company statements; neither is an independent measurement."},
        wrong=["不矛盾", "no", 72],
    ),
]
