"""The v4 Ukrainian and Russian rules (``frames``): prepositional frames whose source runs to their
comma, and leads sourced by "Про це …" / "Об этом …".  One row per construction, invented sentences."""

from __future__ import annotations

import json

import pytest

from ontherecord.model import Article
from ontherecord.pipeline import Pipeline, default_config

#: (language, text, [(source, cue, content, speaker), ...]) — contents joined with " … ".
CASES = [
    ("uk", "За даними Вісника публічних тендерів, підряд оплатили з міського бюджету.",
     [("Вісника публічних тендерів", "За даними", "підряд оплатили з міського бюджету", "Вісник публічних тендерів")]),
    ("uk", "За даними «ВПТ», фірма не виграла жодного конкурсу.",
     [("ВПТ", "За даними", "фірма не виграла жодного конкурсу", "ВПТ")]),
    ("uk", "За версією правоохоронців, до посадовиці прийшов представник забудовника.",
     [("правоохоронців", "За версією", "до посадовиці прийшов представник забудовника", "Правоохоронці")]),
    ("uk", "Відповідно до акту приймання робіт, усі роботи виконано вчасно.",
     [("акту приймання робіт", "Відповідно до", "усі роботи виконано вчасно", "Акт приймання робіт")]),
    ("uk", "Згідно з ухвалою слідчого судді від 3 травня, директор фірми підробив підписи.",
     [("ухвалою слідчого судді", "Згідно з", "директор фірми підробив підписи", "ухвала слідчого судді")]),
    ("uk", "Як встановило слідство, у 2019 році підрядник завищив ціну труб.",
     [("слідство", "встановило", "у 2019 році підрядник завищив ціну труб", "Слідство")]),
    ("uk", "Як зʼясувала прокуратура, фірма мала спільну адресу з конкурентом.",
     [("прокуратура", "зʼясувала", "фірма мала спільну адресу з конкурентом", "Прокуратура")]),
    ("ru", "По версии Марии Ивановой, склад подожгли ночью.",
     [("Марии Ивановой", "По версии", "склад подожгли ночью", "Мария Иванова")]),
    ("ru", "По данным «Вестника», склад сгорел ночью.",
     [("Вестника", "По данным", "склад сгорел ночью", "Вестник")]),
    ("ru", "По оценке фонда, болезнь ежегодно уносит тысячи жизней.",
     [("фонда", "По оценке", "болезнь ежегодно уносит тысячи жизней", "Фонд")]),
    # a quote sourced by an impersonal cue after it
    ("uk", "«Проект змінив обсяги закупівлі», – йдеться в обґрунтуванні замовника.",
     [("обґрунтуванні замовника", "йдеться", "«Проект змінив обсяги закупівлі»", "обґрунтування замовника")]),
    ("ru", "«Склад сгорел ночью», — говорится в сообщении МЧС.",
     [("сообщении МЧС", "говорится", "«Склад сгорел ночью»", "сообщение МЧС")]),
    # a frame with no comma, when its source visibly ends (a quoted name, a person's two names)
    ("ru", "По данным «Вестника» новая книга писателя выйдет весной.",
     [("Вестника", "По данным", "новая книга писателя выйдет весной", "Вестник")]),
    ("ru", "По словам его сестры Анны Орловой он уехал утром.",
     [("его сестры Анны Орловой", "По словам", "он уехал утром", "Анна Орлова")]),
    ("uk", "За словами його сестри Ганни Орлової він поїхав уранці.",
     [("його сестри Ганни Орлової", "За словами", "він поїхав уранці", "Ганна Орлова")]),
    # the about-this cue after a comma inside the sentence
    ("ru", "Завод в Туле закроют до осени, об этом сообщают СМИ.",
     [("СМИ", "сообщают", "Завод в Туле закроют до осени", "СМИ")]),
    ("uk", "Завод у Тулі закриють до осені, про це повідомляють ЗМІ.",
     [("ЗМІ", "повідомляють", "Завод у Тулі закриють до осені", "ЗМІ")]),
    # continuations opened by a link word, one after another
    ("uk", "В Держрезерві стверджують, що консерви зіпсовані. Тому їх треба утилізувати. При цьому склад переповнений.",
     [("Держрезерві", "стверджують", "що консерви зіпсовані", "Держрезерв"),
      ("Держрезерві", "стверджують", "Тому їх треба утилізувати", "Держрезерв"),
      ("Держрезерві", "стверджують", "При цьому склад переповнений", "Держрезерв")]),
    ("ru", "В Росрезерве утверждают, что консервы испорчены. Поэтому их нужно утилизировать. При этом склад переполнен.",
     [("Росрезерве", "утверждают", "что консервы испорчены", "Росрезерв"),
      ("Росрезерве", "утверждают", "Поэтому их нужно утилизировать", "Росрезерв"),
      ("Росрезерве", "утверждают", "При этом склад переполнен", "Росрезерв")]),
]


def _quads(article: Article) -> list[tuple[str, str, str, str | None]]:
    t = article.text
    return [(s.source_text(t), s.cue.text(t) if s.cue else "", s.content_text(t), s.speaker.name if s.speaker else None)
            for s in article.statements]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_frame(pipeline: Pipeline, language: str, text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _quads(pipeline(Article(text, language=language))) == expected


@pytest.mark.parametrize(("language", "text", "lead"), [
    ("uk", "Міська лікарня 3 травня уклала угоду з ТОВ «Альфа» на ремонт даху.\nВартість угоди 2 млн грн.\n"
           "Про це повідомляється у «Віснику публічних тендерів».\nДах перекриють до осені.",
     "Міська лікарня 3 травня уклала угоду з ТОВ «Альфа» на ремонт даху. … Вартість угоди 2 млн грн."),
    ("ru", "Городская больница 3 мая заключила договор с ООО «Альфа» на ремонт крыши.\nСтоимость договора 2 млн рублей.\n"
           "Об этом сообщается в «Вестнике закупок».\nКрышу заменят до осени.",
     "Городская больница 3 мая заключила договор с ООО «Альфа» на ремонт крыши. … Стоимость договора 2 млн рублей."),
])
def test_about_this_after_a_two_line_lead_takes_the_lead(pipeline: Pipeline, language: str, text: str,
                                                         lead: str) -> None:
    (st,) = pipeline(Article(text, language=language)).statements
    assert st.content_text(text) == lead


@pytest.mark.parametrize(("language", "text"), [
    ("uk", "Перший абзац.\nДругий абзац.\nТретій абзац.\nПро це повідомляється у «Віснику публічних тендерів»."),
])
def test_about_this_later_in_the_article_takes_only_the_paragraph_before(pipeline: Pipeline, language: str,
                                                                         text: str) -> None:
    (st,) = pipeline(Article(text, language=language)).statements
    assert st.content_text(text) == "Третій абзац."


@pytest.mark.parametrize(("language", "text"), [
    ("uk", "Як повідомила фірма на суді, з висновками ревізорів вона не погодилась."),
])
def test_a_frame_after_a_verb_ends_its_source_at_a_preposition(language: str, text: str) -> None:
    config = default_config()
    config[language] = [e for e in config[language] if "attribution_rules" in e["stage"] or "segmenter" in e["stage"]]
    (st,) = Pipeline(config)(Article(text, language=language)).statements
    assert st.source_text(text) == "фірма"


@pytest.mark.parametrize(("language", "text"), [
    ("uk", "За даними Вісника публічних тендерів, підряд оплатили з міського бюджету."),
    ("ru", "По версии Марии Ивановой, склад подожгли ночью."),
])
def test_v3_keeps_its_behaviour(language: str, text: str) -> None:
    """The frames are the v4 stage's: the v3 name reads these sentences as before (nothing)."""
    config = default_config()
    config[language] = [dict(e, stage=e["stage"].replace(f"attribution_rules_{language}.v4",
                                                         f"attribution_rules_{language}.v3")) for e in config[language]]
    v3 = Pipeline(json.loads(json.dumps(config)))
    assert v3(Article(text, language=language)).statements == []


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_default_pipeline_uses_v4(language: str) -> None:
    assert f"ontherecord.attribution_rules_{language}.v4" in [e["stage"] for e in default_config()[language]]


@pytest.mark.parametrize(("language", "text"), [
    ("uk", "Відповідно до Акту приймання послуги надано повністю."),  # where would a document's name end?
    ("ru", "По данным Росстата цены выросли."),  # one capitalised word: a name may go on
    # a frame's source never runs over a relative clause, a pronoun, a number or a verb to its comma
    ("uk", "Суд затвердив угоду, відповідно до якої він отримав 25,5 тис грн штрафу."),
    ("uk", "Згідно з техзавданням у приміщенні мають утеплити стіни, замінити вікна."),
])
def test_a_frame_with_no_comma_and_no_visible_end_is_left(pipeline: Pipeline, language: str, text: str) -> None:
    assert pipeline(Article(text, language=language)).statements == []


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("ru", "Министр Олег Орлов сдал положительный тест.\nОб этом он заявил в Twitter:\nУ меня слабые симптомы, я работаю из дома.\n",
     [("он", "заявил", "Министр Олег Орлов сдал положительный тест.", "Олег Орлов"),
      ("он", ":", "У меня слабые симптомы, я работаю из дома", "Олег Орлов")]),
    ("uk", "Міністр Олег Орлов отримав позитивний тест.\nПро це він заявив у Twitter:\nУ мене слабкі симптоми, я працюю з дому.\n",
     [("він", "заявив", "Міністр Олег Орлов отримав позитивний тест.", "Олег Орлов"),
      ("він", ":", "У мене слабкі симптоми, я працюю з дому", "Олег Орлов")]),
    ("ru", "Артист Олег Орлов заявил, что ничего не знает о конкурсе:\nЕдинственный источник — это Первый канал.\n",
     [("Артист Олег Орлов", "заявил", "что ничего не знает о конкурсе", "Олег Орлов"),
      ("Артист Олег Орлов", ":", "Единственный источник — это Первый канал", "Олег Орлов")]),
    ("uk", "Артист Олег Орлов заявив, що нічого не знає про конкурс:\nЄдине джерело — це Перший канал.\n",
     [("Артист Олег Орлов", "заявив", "що нічого не знає про конкурс", "Олег Орлов"),
      ("Артист Олег Орлов", ":", "Єдине джерело — це Перший канал", "Олег Орлов")]),
])
def test_about_this_ending_in_a_colon_also_leads_in(pipeline: Pipeline, language: str, text: str,
                                                     expected: list[tuple[str, str, str, str]]) -> None:
    assert _quads(pipeline(Article(text, language=language))) == expected


def test_v3_continues_only_with_its_own_markers() -> None:
    """"Тому …" goes on with the statement before it under v4 only."""
    text = "В Держрезерві стверджують, що консерви зіпсовані. Тому їх треба утилізувати."
    config = default_config()
    config["uk"] = [dict(e, stage=e["stage"].replace("attribution_rules_uk.v4", "attribution_rules_uk.v3"))
                    for e in config["uk"]]
    assert len(Pipeline(config)(Article(text, language="uk")).statements) == 1
    assert len(Pipeline()(Article(text, language="uk")).statements) == 2
