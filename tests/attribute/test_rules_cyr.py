"""Ukrainian and Russian attribution rules: one row per construction and typography variant."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from ontherecord.attribute.cyrillic import DASH, normalise, segment
from ontherecord.model import Article, Span
from ontherecord.pipeline import Pipeline

#: (language, text, [(source, cue, content), ...]) — contents joined with " … ".
CASES = [
    ("uk", "«Ми готові до зими», — сказав Петро Гриценко.",
     [("Петро Гриценко", "сказав", "«Ми готові до зими»")]),
    ("uk", "\"Ми готові до зими\", - сказала Олена Ткачук.",
     [("Олена Ткачук", "сказала", "\"Ми готові до зими\"")]),
    ("uk", "„Ми готові до зими“ – наголосили в Міноборони.",
     [("Міноборони", "наголосили", "„Ми готові до зими“")]),
    ("uk", "“Ми готові, — сказав він, — до холодів”.",
     [("він", "сказав", "“Ми готові, … до холодів”")]),
    ("uk", "Речник Пентагону Джон Кірбі: «Змін немає».",
     [("Речник Пентагону Джон Кірбі", ":", "«Змін немає»")]),
    ("uk", "Президент Володимир Зеленський заявив, що Україна не відступить.",
     [("Президент Володимир Зеленський", "заявив", "що Україна не відступить")]),
    ("uk", "Вона наголосила на тому, що споживачі скоротять попит.",
     [("Вона", "наголосила", "що споживачі скоротять попит")]),
    ("uk", "За словами Зеленського, ситуація на фронті складна.",
     [("Зеленського", "За словами", "ситуація на фронті складна")]),
    ("uk", "Як повідомив міністр енергетики Герман Галущенко, ремонт триватиме до весни.",
     [("міністр енергетики Герман Галущенко", "повідомив", "ремонт триватиме до весни")]),
    ("uk", "На думку експерта Петра Гриценка, ліміт покриває лише частину дефіциту.",
     [("експерта Петра Гриценка", "На думку", "ліміт покриває лише частину дефіциту")]),
    ("uk", "Обмеження, за словами Кірбі, залишаються чинними.",
     [("Кірбі", "за словами", "Обмеження … залишаються чинними")]),
    ("uk", "Новий ліміт почне діяти в листопаді, заявила Марта Коваленко, речниця Міністерства енергетики.",
     [("Марта Коваленко, речниця Міністерства енергетики", "заявила", "Новий ліміт почне діяти в листопаді")]),
    ("uk", "Україна отримає нові системи ППО. Про це повідомив міністр оборони Рустем Умєров.",
     [("міністр оборони Рустем Умєров", "повідомив", "Україна отримає нові системи ППО")]),
    ("uk", "Джон Кірбі, координатор Ради національної безпеки, зазначив, що обмеження залишаються.",
     [("Джон Кірбі, координатор Ради національної безпеки", "зазначив", "що обмеження залишаються")]),
    ("uk", "Ціни зростуть, повідомляє Reuters з посиланням на джерела в уряді.",
     [("Reuters", "повідомляє", "Ціни зростуть")]),
    ("uk", "Рішення ухвалять у грудні, з посиланням на джерела в уряді пише видання.",
     [("джерела", "з посиланням на", "Рішення ухвалять у грудні")]),
    ("uk", "— Ми не плануємо відключень, — сказала Коваленко. — Але ситуація складна.",
     [("Коваленко", "сказала", "— Ми не плануємо відключень … — Але ситуація складна")]),
    ("uk", "Зеленський закликав партнерів пришвидшити постачання.",
     [("Зеленський", "закликав", "партнерів пришвидшити постачання")]),
    ("uk", "Вона підкреслювала, що реформа потрібна.",
     [("Вона", "підкреслювала", "що реформа потрібна")]),
    ("uk", "Вони поскаржилися, що зарплати не виплачують.",
     [("Вони", "поскаржилися", "що зарплати не виплачують")]),
    ("uk", "Прем'єр-міністр наголошує, що уряд виконає зобовʼязання.",
     [("Прем'єр-міністр", "наголошує", "що уряд виконає зобовʼязання")]),
    # a cue inside a relative clause: the content stops at the comma that closes it, not at the main verb
    ("uk", "Мерка Оксана Гребінь, яка раніше заявляла, що плати за в'їзд не буде, змінила позицію.",
     [("Мерка Оксана Гребінь", "заявляла", "що плати за в'їзд не буде")]),
    ("uk", "Депутат Петро Сагайда заявив, що рада підтримає план, бюджет, і новий графік.",
     [("Депутат Петро Сагайда", "заявив", "що рада підтримає план, бюджет, і новий графік")]),
    ("ru", "«Изменений нет», – сказал Дмитрий Песков.",
     [("Дмитрий Песков", "сказал", "«Изменений нет»")]),
    ("ru", "Мэр Оксана Гребинь, которая ранее заявляла, что платы за въезд не будет, изменила позицию.",
     [("Мэр Оксана Гребинь", "заявляла", "что платы за въезд не будет")]),
    ("ru", "\"Мы готовы, - сказала она, - к холодам\".",
     [("она", "сказала", "\"Мы готовы, … к холодам\"")]),
    ("ru", "Пресс-секретарь Кремля Дмитрий Песков: „Изменений нет“.",
     [("Пресс-секретарь Кремля Дмитрий Песков", ":", "„Изменений нет“")]),
    ("ru", "Министр Сергей Лавров заявил, что переговоры невозможны.",
     [("Министр Сергей Лавров", "заявил", "что переговоры невозможны")]),
    ("ru", "По словам Захаровой, визит отменен.",
     [("Захаровой", "По словам", "визит отменен")]),
    ("ru", "По мнению аналитика Петра Гриценко, лимит мал.",
     [("аналитика Петра Гриценко", "По мнению", "лимит мал")]),
    ("ru", "Как сообщил министр энергетики Герман Галущенко, ремонт продлится до весны.",
     [("министр энергетики Герман Галущенко", "сообщил", "ремонт продлится до весны")]),
    ("ru", "Украина получит новые системы ПВО. Об этом сообщил министр обороны Рустем Умеров.",
     [("министр обороны Рустем Умеров", "сообщил", "Украина получит новые системы ПВО")]),
    ("ru", "В Кремле заявили, что переговоры невозможны.",
     [("Кремле", "заявили", "что переговоры невозможны")]),
    ("ru", "Она подчеркивала, что реформа нужна.",
     [("Она", "подчеркивала", "что реформа нужна")]),
    ("ru", "Он пожаловался, что зарплаты не платят.",
     [("Он", "пожаловался", "что зарплаты не платят")]),
    ("ru", "Новые ограничения вступят в силу в ноябре, заявила Марта Коваленко.",
     [("Марта Коваленко", "заявила", "Новые ограничения вступят в силу в ноябре")]),
    ("ru", "Он напомнил, что войскам разрешено применять оружие «для борьбы с угрозами».",
     [("Он", "напомнил", "что войскам разрешено применять оружие «для борьбы с угрозами»")]),
    ("ru", "Цены вырастут, сообщает агентство со ссылкой на источники.",
     [("агентство", "сообщает", "Цены вырастут")]),
    ("uk", "Ціни зростуть. Про це він сказав журналістам.", [("він", "сказав", "Ціни зростуть")]),
    ("uk", "Ціни зростуть. Про це в ефірі телемарафону заявив міністр фінансів Сергій Марченко.",
     [("міністр фінансів Сергій Марченко", "заявив", "Ціни зростуть")]),
    ("uk", "Ціни зростуть. Про це Зеленський заявив у вечірньому зверненні.",
     [("Зеленський", "заявив", "Ціни зростуть")]),
    ("ru", "Цены вырастут. Об этом говорится в сообщении Минфина.",
     [("сообщении Минфина", "говорится", "Цены вырастут")]),
    ("uk", "Речник Повітряних сил Юрій Ігнат у коментарі \"Українській правді\" розповів, що ракети летіли низько.",
     [("Речник Повітряних сил Юрій Ігнат", "розповів", "що ракети летіли низько")]),
    ("uk", "Посол Британії в Україні Мартін Гарріс наголосила, що підтримка триватиме.",
     [("Посол Британії в Україні Мартін Гарріс", "наголосила", "що підтримка триватиме")]),
    ("uk", "У Києві чиновники заявили, що тривога триватиме.", [("чиновники", "заявили", "що тривога триватиме")]),
    ("uk", "Зеленський в інтервʼю Bloomberg заявив, що війна триватиме.",
     [("Зеленський", "заявив", "що війна триватиме")]),
    ("uk", "Як зазначив Зеленський у своєму зверненні, Україна отримає нові системи.",
     [("Зеленський", "зазначив", "Україна отримає нові системи")]),
    ("uk", "За його словами, ситуація складна.", [("його", "За його словами", "ситуація складна")]),
    ("ru", "По ее мнению, переговоры невозможны.", [("ее", "По ее мнению", "переговоры невозможны")]),
    # Nothing attributed: no cue, a question, a cue inside a quotation.
    ("uk", "Міська рада ухвалила бюджет на наступний рік.", []),
    ("ru", "Городской совет утвердил бюджет на следующий год.", []),
]


def _run(language: str, text: str) -> Article:
    return Pipeline()(Article(text, language=language))


def _triples(article: Article) -> list[tuple[str, str, str]]:
    t = article.text
    return [(s.source_text(t), s.cue.text(t) if s.cue else "", s.content_text(t)) for s in article.statements]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_construction(language: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _triples(_run(language, text)) == expected


@pytest.mark.parametrize("text", ["«Під «Азовсталлю» тривають бої», — сказав він.",
                                  "«Під „Азовсталлю“ тривають бої», — сказав він."])
def test_nested_quotes_stay_one_quote(text: str) -> None:
    (st,) = _run("uk", text).statements
    assert st.content_text(text).startswith(text[0]) and st.content_text(text).endswith(text[text.index(",") - 1])
    assert st.kind == "direct"


def test_multi_paragraph_quote_after_colon() -> None:
    text = "Він сказав:\n\n«Перше речення.\n\n«Друге речення».\n\nІнший абзац."
    (st,) = _run("uk", text).statements
    assert st.content_text(text) == "«Перше речення. … «Друге речення»"
    assert st.kind == "direct"


def test_about_this_takes_the_paragraph_before() -> None:
    text = "Україна отримає нові системи ППО.\n\nПро це повідомив міністр оборони Рустем Умєров."
    (st,) = _run("uk", text).statements
    assert st.content_text(text) == "Україна отримає нові системи ППО."


@pytest.mark.parametrize("verb", ["заявив", "заявила", "заявили", "заявляв", "заявляла", "заявляє", "заявляють",
                                  "наголосив", "наголошувала", "зазначило", "додав", "підкреслила",
                                  "повідомили", "нагадав", "закликала", "пояснив", "визнала", "попередив"])
def test_uk_cue_forms(verb: str) -> None:
    text = f"Посадовець {verb}, що рішення ухвалене."
    (st,) = _run("uk", text).statements
    assert st.cue is not None and st.cue.text(text) == verb


@pytest.mark.parametrize("verb", ["заявил", "заявила", "заявили", "заявлял", "заявляет", "заявляют", "отметил",
                                  "отмечала", "добавил", "подчеркнула", "сообщили", "напомнил", "призвала",
                                  "пояснил", "признала", "предупредил", "подчеркивает"])
def test_ru_cue_forms(verb: str) -> None:
    text = f"Чиновник {verb}, что решение принято."
    (st,) = _run("ru", text).statements
    assert st.cue is not None and st.cue.text(text) == verb


def test_normalised_view_keeps_every_offset() -> None:
    text = "«A» “B” „C“ \"D\" - – — п'ять ё\u00a0x"
    view = normalise(text)
    assert len(view) == len(text)
    assert view.count(DASH) == 3 and "пʼять" in view and "е x" in view


@pytest.mark.parametrize(("language", "title", "source", "claim"), [
    ("uk", "Зеленський: Україна не відступить", "Зеленський", "Україна не відступить"),
    ("ru", "Песков: переговоров не будет.", "Песков", "переговоров не будет"),
])
def test_colon_headline(language: str, title: str, source: str, claim: str) -> None:
    text = f"{title}\n\nТекст без цитат."
    heads = [s for s in _run(language, text).statements if s.kind == "headline"]
    assert [(s.source_text(text), s.cue.text(text), s.content_text(text)) for s in heads] == [(source, ":", claim)]


def test_colon_title_that_is_no_attribution() -> None:
    text = "Що передувало: хронологія подій\n\nТекст без цитат."
    assert _run("uk", text).statements == []


def test_headline_with_cue_in_the_source() -> None:
    text = "Переговорів не буде, – заявил Песков\n\nТекст статьи без цитат."
    article = _run("ru", text)
    heads = [s for s in article.statements if s.kind == "headline"]
    assert len(heads) == 1
    assert heads[0].source_text(text) == "Песков" and heads[0].cue.text(text) == "заявил"
    assert heads[0].content_text(text) == "Переговорів не буде"


BAD = [
    ("uk", "«Ми не відступимо, — сказав він. І пішов."),  # unbalanced «
    ("uk", "»»» «« — сказав — , що «"),
    ("uk", "Zelenskyi zaiavyv, shcho Ukraina ne vidstupyt. Ministr skazav: «Dobre»."),  # Latin-script Ukrainian
    ("uk", "Kirby said that nothing changed. Кірбі заявив, що змін немає. Песков заявил, что изменений нет."),
    ("ru", "— — — «»"),
    ("uk", ""),
]


@pytest.mark.parametrize(("language", "text"), BAD)
def test_bad_input_never_crashes_and_spans_stay_valid(language: str, text: str) -> None:
    article = _run(language, text)
    article.validate()
    for statement in article.statements:
        assert all(0 <= s.start <= s.end <= len(text) for s in statement.all_spans())


def test_mixed_language_article_reads_the_cyrillic_statements() -> None:
    text = "Kirby said that nothing changed. Кірбі заявив, що змін немає."
    triples = _triples(_run("uk", text))
    assert ("Кірбі", "заявив", "що змін немає") in triples


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="абвгдеєжзиіїйклмнопрстуфхцчшщьюяАБВЗКМПС «»„“”\"'-–—,.:!?\n заявивсказалащо", max_size=300))
def test_any_text_no_crash_valid_spans(text: str) -> None:
    for language in ("uk", "ru"):
        article = _run(language, text)
        article.validate()
        assert all(s.start <= s.end for st_ in article.statements for s in st_.all_spans())


def test_segment_sentences_do_not_split_initials_or_quotes() -> None:
    text = "В. Зеленський заявив: «Ми готові. Ми чекаємо». Потім він пішов."
    view = segment(text, [Span(0, len(text))])
    assert [text[s.start:s.end] for s in view.sentences] == [
        "В. Зеленський заявив: «Ми готові. Ми чекаємо».", "Потім він пішов."]


# -- the headline step: every title paired with its own result (regression: titles were zipped with
#    the filtered statements, so a title placed before a headline lost its statement)

def _titled(language: str, lines: list[tuple[str, str]]) -> Article:
    from ontherecord.model import Block

    text, blocks = "", []
    for role, line in lines:
        blocks.append(Block(len(text), len(text) + len(line), role))
        text += line + "\n\n"
    return Article(text, language=language, blocks=blocks)


@pytest.mark.parametrize(("language", "first", "second", "cue"), [
    ("uk", "Міністр Олег Бондар заявив, що ціни на газ не зростуть", "Тарифи не зміняться, - Нафтогаз", "заявив"),
    ("ru", "Министр Олег Бондарь заявил, что цены на газ не вырастут", "Тарифы не изменятся, - Газпром", "заявил"),
])
def test_title_before_a_headline_keeps_its_statement(language: str, first: str, second: str, cue: str) -> None:
    article = _run_titled(language, first, second)
    kinds = sorted((s.kind, s.cue.text(article.text) if s.cue else None) for s in article.statements)
    assert kinds == [("headline", None), ("indirect", cue)]


def _run_titled(language: str, first: str, second: str) -> Article:
    return Pipeline()(_titled(language, [("title", first), ("title", second), ("body", "Текст статті.")]))


def test_headline_pass_pairs_each_title_with_its_own_result() -> None:
    from ontherecord.attribute.headlines import headline_pass
    from ontherecord.model import Statement

    titles = [Span(0, 5), Span(10, 15), Span(20, 25)]
    made = {Span(10, 15): Statement([], None, [Span(10, 15)], "headline")}
    statements, used = headline_pass(titles, made.get, "stage.v9")
    assert used == [Span(10, 15)] and [s.stage for s in statements] == ["stage.v9"]
