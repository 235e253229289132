"""Word lists the stance features read, per language (en, uk, ru): plain data, no logic.

Words are matched on folded tokens (``store.text.words``: lower case, no diacritics); entries ending
in ``*`` match as prefixes, so one stem covers an inflected verb ("запровад*" for every form of
"запровадити").  Predicate *axes* group verbs by the proposition they assert: ``+`` does the thing
(allow, introduce, support), ``-`` undoes or refuses it (ban, scrap, oppose).  Two statements that put
the same axis on opposite sides (after negation) contradict each other.
"""

from __future__ import annotations

#: words that negate the clause they stand in
NEGATION: dict[str, tuple[str, ...]] = {
    "en": ("not", "no", "never", "nor", "neither", "cannot", "won't", "don't", "doesn't", "didn't",
           "isn't", "aren't", "wasn't", "weren't", "shouldn't", "wouldn't", "can't", "haven't", "hasn't",
           "nothing", "none", "without", "refuse*", "refusing", "unwilling"),
    "uk": ("не", "ні", "ніколи", "жодн*", "немає", "нема", "відмовля*", "відмовив*"),
    "ru": ("не", "нет", "ни", "никогда", "никак*", "нельзя", "отказыва*", "отказал*"),
}

#: multi-word negators, matched on the folded, space-joined token string
NEGATION_PHRASES: dict[str, tuple[str, ...]] = {
    "en": ("rule out", "rules out", "ruled out", "ruling out", "no plans to", "no intention",
           "out of the question", "n t "),
    "uk": ("не планує", "виключає", "виключив", "виключила", "не йдеться"),
    "ru": ("не планирует", "исключает", "исключил", "исключила", "не может быть и речи"),
}

#: a statement that something stays as it is: "the pension age stays at 66" restates "we will not raise the
#: pension age" and "we will keep it", "our position remains the same" restates "has not changed"; so a
#: negation present on one side only is no evidence of a change when either side says this
STATUS_QUO: dict[str, tuple[str, ...]] = {
    "en": ("stay", "stays", "stayed", "staying", "remain", "remains", "remained", "unchanged", "the same",
           "intact", "as it is", "as they are", "in place"),
    "uk": ("залишається", "залишаються", "залишиться", "залишаться", "залишався", "залишалася", "залишалась",
           "залишалися", "незмінн*", "такою ж", "таким же", "такими ж", "таким самим", "без змін",
           "збережеться", "збережуться"),
    "ru": ("остаётся", "остается", "останется", "остаются", "останутся", "оставался", "оставалась",
           "оставались", "неизменн*", "такой же", "таким же", "такими же", "без изменений", "сохранится",
           "сохранятся"),
}

#: firm commitment ("will", "must")
STRONG: dict[str, tuple[str, ...]] = {
    "en": ("will", "shall", "must", "definitely", "certainly", "committed", "determined", "guarantee*",
           "promise*", "absolutely", "firmly"),
    "uk": ("буде", "будемо", "будуть", "обов'язково", "обовязково", "неодмінно", "гарантує*", "твердо",
           "безумовно"),
    "ru": ("будет", "будем", "будут", "обязательно", "непременно", "гарантиру*", "твердо", "безусловно"),
}

#: hedged or conditional commitment ("may", "could", "considering")
HEDGE: dict[str, tuple[str, ...]] = {
    "en": ("may", "might", "could", "possibly", "perhaps", "consider*", "possible", "likely", "probably",
           "maybe", "open to", "explore*", "review*", "if", "unless", "conditions", "partly", "partial*"),
    "uk": ("може", "можуть", "можливо", "можливий", "розгляда*", "ймовірно", "імовірно", "якщо",
           "частково", "за умови", "не виключа*"),
    "ru": ("может", "могут", "возможно", "возможен", "рассматрива*", "вероятно", "если", "частично",
           "при условии", "не исключа*"),
}

#: predicate axes: axis -> {"+": stems that assert it, "-": stems that deny or undo it}
AXES: dict[str, dict[str, tuple[str, ...]]] = {
    "permit": {
        "+": ("allow*", "permit*", "legali*", "authori*", "lift*", "дозвол*", "разреш*", "скасувати заборону",
              "знят*"),
        "-": ("ban", "bans", "banned", "banning", "prohibit*", "forbid*", "outlaw*", "block*", "restrict*",
              "заборон*", "запрет*", "запрещ*", "обмеж*", "огранич*"),
    },
    "introduce": {
        "+": ("introduc*", "impose*", "launch*", "adopt*", "implement*", "create*", "build*", "keep*",
              "retain*", "extend*", "continu*", "maintain*", "go ahead", "proceed*",
              "запровад*", "впровад*", "ввест*", "ввод*", "введ*", "запуст*", "запуска*", "збереж*",
              "сохран*", "продовж*", "продлит*", "продлева*", "продолж*", "будува*", "строит*", "створ*",
              "созда*"),
        "-": ("scrap*", "abolish*", "drop*", "cancel*", "withdraw*", "axe", "axed", "abandon*", "shelve*",
              "repeal*", "end", "ends", "ended", "ending", "halt*", "stop*", "suspend*", "freeze*", "froze*",
              "terminat*", "delay*", "postpone*", "скасу*", "скасов*", "відмін*", "зупин*", "припин*",
              "призупин*", "відклад*", "відкла*", "отмен*", "останов*", "прекрат*", "приостанов*",
              "отлож*", "заморож*", "заморoз*", "замороз*"),
    },
    "support": {
        "+": ("support*", "back", "backs", "backed", "backing", "endorse*", "welcome*", "favour*", "favor*",
              "approve*", "accept*", "agree*", "praise*", "підтрим*", "схвал*", "погод*", "вітає*",
              "поддерж*", "одобр*", "соглас*", "приветству*"),
        "-": ("oppose*", "opposition", "reject*", "against", "criticis*", "criticiz*", "condemn*", "veto*",
              "disagree*", "object*", "protest*", "denounc*", "проти", "відхил*", "критику*", "засуд*",
              "виступа* проти", "против", "отклон*", "критику*", "осуд*"),
    },
    "open": {
        "+": ("open*", "reopen*", "відкри*", "відкрив*", "откры*", "откро*"),
        "-": ("close*", "closing", "shut*", "закри*", "закрив*", "закры*", "закро*"),
    },
    "increase": {
        "+": ("increase*", "raise*", "raising", "rise*", "grow*", "expand*", "boost*", "more", "higher",
              "збільш*", "підвищ*", "зрост*", "розшир*", "увелич*", "повыс*", "повыша*", "рост*", "расшир*"),
        "-": ("cut", "cuts", "cutting", "reduc*", "decreas*", "lower*", "shrink*", "fewer", "less",
              "зменш*", "скороч*", "знизи*", "знижу*", "уменьш*", "сократ*", "сокращ*", "сниз*", "снижа*"),
    },
    "join": {
        "+": ("join*", "enter*", "sign*", "ratif*", "take part", "participat*", "приєдна*", "підпис*",
              "участь", "присоедин*", "подпис*", "участ*"),
        "-": ("leave", "leaves", "leaving", "quit*", "exit*", "withdraw from", "veto*", "boycott*", "вийт*",
              "вихід", "вето", "ветує*", "выйт*", "выход*", "вето"),
    },
    "negotiate": {
        "+": ("negotiat*", "talk*", "dialogue", "meet*", "переговор*", "зустр*", "встрет*", "встреч*"),
        "-": ("refuse* to talk", "no talks", "бойкот*"),
    },
}

#: written by the journalist around a statement that departs from an earlier one
CHANGE_MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("u turn", "u-turn", "reversing", "reversed", "reversal", "reverses", "no longer", "changed his",
           "changed her", "changed their", "changed its", "change of heart", "backtrack", "climbdown",
           "climb down", "about face", "about-face", "in a shift", "softened", "hardened", "now says",
           "had ruled out", "had previously", "previously said", "earlier said", "earlier insisted",
           "had insisted", "had said", "departure from", "contrary to", "dropped its opposition",
           "dropped his opposition", "dropped her opposition", "walked back", "backed down", "flip flop",
           "reversing her earlier stance", "reversing his earlier stance"),
    "uk": ("змінив позицію", "змінила позицію", "змінили позицію", "змінив думку", "змінила думку",
           "раніше заявляв", "раніше заявляла", "раніше заявляли", "раніше казав", "раніше казала",
           "більше не", "розворот", "передумав", "передумала", "всупереч", "на відміну від попередніх"),
    "ru": ("изменил позицию", "изменила позицию", "изменили позицию", "изменил мнение", "изменила мнение",
           "ранее заявлял", "ранее заявляла", "ранее заявляли", "ранее говорил", "ранее говорила",
           "больше не", "разворот", "передумал", "передумала", "вопреки", "в отличие от прежних"),
}

#: written around a statement that holds to an earlier one
CONSTANCY_MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("has not changed", "hasn't changed", "have not changed", "no change", "not changed",
           "reaffirmed", "reaffirms", "reaffirming", "reiterated", "reiterates", "reiterating",
           "remains the same", "remain the same", "remains unchanged", "remain unchanged", "unchanged",
           "repeated", "repeats", "again", "stands by", "stood by", "consistent", "still", "once more",
           "as before", "maintained", "insisted again", "remain", "remains", "as planned", "as we said"),
    "uk": ("не змінилася", "не змінилась", "не змінилося", "не змінюється", "незмінн", "підтвердив",
           "підтвердила", "знову", "повторив", "повторила", "як і раніше", "досі", "залишається", "надалі",
           "як і планувалося", "як і казали"),
    "ru": ("не изменилась", "не изменилось", "не меняется", "неизменн", "подтвердил", "подтвердила",
           "вновь", "снова", "повторил", "повторила", "как и прежде", "по-прежнему", "остается", "остаётся",
           "как и планировалось", "как и говорили"),
}

#: words that narrow a statement to part of what it said before ("only steel", "but with exemptions")
RESTRICTORS: dict[str, tuple[str, ...]] = {
    "en": ("only", "but", "except", "exemption*", "gradually", "partly", "partial*", "around", "at least",
           "up to", "provided", "unless", "if"),
    "uk": ("лише", "тільки", "але", "крім", "виняток", "винятків", "поступово", "частково", "близько", "щонайменше",
           "за умови", "якщо"),
    "ru": ("только", "лишь", "но", "кроме", "исключени*", "постепенно", "частично", "около", "как минимум",
           "при условии", "если"),
}

#: when: months and seasons; a statement's set of these is compared with the earlier one's
TIMES: dict[str, tuple[str, ...]] = {
    "jan": ("january", "січ*", "январ*"), "feb": ("february", "лют*", "феврал*"), "mar": ("march", "берез*", "март*"),
    "apr": ("april", "квіт*", "апрел*"), "may": ("травн*", "травен*", "мая", "мае"), "jun": ("june", "черв*", "июн*"),
    "jul": ("july", "лип*", "июл*"), "aug": ("august", "серп*", "август*"), "sep": ("september", "верес*", "сентябр*"),
    "oct": ("october", "жовт*", "октябр*"), "nov": ("november", "листопад*", "ноябр*"),
    "dec": ("december", "груд*", "декабр*"),
    "spring": ("spring", "весн*"), "summer": ("summer", "літ*", "лето", "лета", "летом"), "autumn": ("autumn", "fall",
               "осін*", "осен*", "осени"), "winter": ("winter", "зим*"),
    "monday": ("monday", "понеділ*", "понедельник*"), "week": ("week", "weeks", "тиж*", "недел*"),
    "month": ("month", "months", "місяц*", "месяц*"), "year": ("next year", "наступного року", "следующем году"),
}

#: function words left out of key terms and topic labels
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""a an the and or but if of to in on at by for from with as is are was were be been being
        it its this that these those there here we our us you your he him his she her they them their i me
        my will would shall should can could may might must do does did done have has had not no never
        so than then too very also just about into over under after before again more most such what which
        who whom whose when where why how all any both each few other some own same only nor said says
        say told tells according added stated year years now still while until since per""".split()),
    "uk": frozenset("""і й та а але або чи що як це цей ця ці той та те ті у в на з із зі до від по за для про
        при над під не ні ми ви він вона вони я ти його її їх наш наша наші ваш буде будемо будуть був була
        були є бути також вже ще лише тільки дуже так тому який яка які яке коли де чому заявив заявила
        сказав сказала каже кажуть повідомив""".split()),
    "ru": frozenset("""и а но или ли что как это этот эта эти тот та то те у в во на с со к ко от по за для о об
        при над под не ни мы вы он она они я ты его ее её их наш наша наши ваш будет будем будут был была
        были есть быть также уже еще ещё лишь только очень так поэтому который которая которые когда где
        почему заявил заявила сказал сказала говорит сообщил""".split()),
}

LANGUAGES = ("en", "uk", "ru")
