"""One case per entry of the Ukrainian and Russian cue lexicons, each in an inflected form.

The tables are written out here, not generated from the lexicons, so removing a stem, a present-tense
pair or an irregular form from a lexicon (or a stem from the rest-cues) fails a case.  A form is
given with the subject its gender and number agree with: ``m``, ``f``, ``pl`` (past) or ``sg``/``pl``
(present).
"""

from __future__ import annotations

import pytest

from ontherecord.model import Article
from ontherecord.pipeline import Pipeline

#: Every speech, reflexive and belief stem in one past form, every present pair in one of its forms,
#: every irregular form (``form/agreement``).
UK_FORMS = """
    заявив/m заявляла/f сказали/pl казав/m говорила/f наголосили/pl наголошував/m зазначила/f
    зазначали/pl додав/m додавала/f підкреслили/pl підкреслював/m повідомила/f повідомляли/pl нагадав/m
    нагадувала/f закликали/pl пояснив/m пояснювала/f розповіли/pl розповідав/m відзначила/f
    відзначали/pl зауважив/m зауважувала/f запевнили/pl запевняв/m визнала/f визнавали/pl підтвердив/m
    підтверджувала/f заперечили/pl заперечував/m спростувала/f попередили/pl попереджав/m уточнила/f
    уточнювали/pl відповів/m відповідала/f пообіцяли/pl обіцяв/m анонсувала/f оголосили/pl оголошував/m
    написала/f писали/pl запитав/m запитувала/f спитали/pl питав/m прокоментувала/f коментували/pl
    наполягав/m припустила/f припускали/pl звинуватив/m звинувачувала/f розкритикували/pl критикував/m
    прогнозувала/f спрогнозували/pl констатував/m резюмувала/f проінформували/pl інформував/m
    висловила/f порадили/pl повторив/m повторювала/f вказали/pl вказував/m стверджувала/f назвали/pl
    охарактеризував/m вважала/f переконували/pl сподівав/m планувала/f запланували/pl відмовився/m
    побоювалася/f поцікавилися/pl цікавився/m поскаржилася/f скаржилися/pl зізнався/m висловилася/f
    поділилися/pl запитався/m відгукнулася/f заявляє/sg кажуть/pl говорить/sg повідомляють/pl
    зазначає/sg наголошують/pl підкреслює/sg додають/pl пише/sg нагадують/pl пояснює/sg розповідають/pl
    стверджує/sg запевняють/pl попереджає/sg визнають/pl передає/sg інформують/pl відзначає/sg
    уточнюють/pl закликає/sg наполягають/pl зауважує/sg констатують/pl прогнозує/sg припускають/pl
    цитує/sg заперечують/pl скаржиться/sg погоджуються/pl побоюється/sg планують/pl вважає/sg
    сподіваються/pl переконаний/sg впевнені/pl ствердив/m стверджувала/f застеріг/m застерегла/f
    застерегли/pl переконана/f наполіг/m наполягла/f наполягли/pl впевнена/f переконаний/m впевнений/m
"""
RU_FORMS = """
    заявил/m заявляла/f сказали/pl говорил/m отметила/f отмечали/pl подчеркнул/m подчеркивала/f
    добавили/pl добавлял/m сообщила/f сообщали/pl напомнил/m напоминала/f призвали/pl призывал/m
    пояснила/f поясняли/pl рассказал/m рассказывала/f уточнили/pl уточнял/m признала/f признавали/pl
    подтвердил/m подтверждала/f заверили/pl заверял/m предупредила/f предупреждали/pl ответил/m
    отвечала/f пообещали/pl обещал/m объявила/f объявляли/pl написал/m писала/f спросили/pl спрашивал/m
    прокомментировала/f комментировали/pl настаял/m настаивала/f предположили/pl предполагал/m
    обвинила/f обвиняли/pl раскритиковал/m критиковала/f спрогнозировали/pl прогнозировал/m
    констатировала/f проинформировали/pl информировал/m заметила/f замечали/pl указал/m указывала/f
    повторили/pl повторял/m посоветовала/f утверждали/pl выразил/m выражала/f назвали/pl
    охарактеризовал/m считала/f полагали/pl планировал/m запланировала/f отказался/m опасалась/f
    поинтересовались/pl интересовался/m пожаловалась/f жаловались/pl признался/m высказалась/f
    поделились/pl отозвался/m заявляет/sg говорят/pl сообщает/sg отмечают/pl подчеркивает/sg
    добавляют/pl пишет/sg напоминают/pl поясняет/sg рассказывают/pl утверждает/sg заверяют/pl
    предупреждает/sg признают/pl передает/sg указывают/pl уточняет/sg призывают/pl настаивает/sg
    констатируют/pl прогнозирует/sg предполагают/pl цитирует/sg отрицают/pl жалуется/sg соглашаются/pl
    опасается/sg планируют/pl считает/sg полагают/pl надеется/sg уверены/pl убежден/sg опроверг/m
    опровергла/f опровергли/pl уверена/f убеждена/f отрицал/m отрицала/f отрицали/pl надеялся/m
    надеялась/f надеялись/pl
"""
SUBJECTS = {
    "uk": {"m": "Петро Гриценко", "f": "Олена Коваленко", "pl": "Депутати", "sg": "Олена Коваленко"},
    "ru": {"m": "Петр Гриценко", "f": "Елена Коваленко", "pl": "Депутаты", "sg": "Елена Коваленко"},
}
THAT = {"uk": "що ціни зростуть", "ru": "что цены вырастут"}
CUE_CASES = [(lang, *item.split("/")) for lang, table in (("uk", UK_FORMS), ("ru", RU_FORMS)) for item in table.split()]

#: Every rest-cue (content: the object and infinitive after the verb) in a form only it covers.
REST_CASES = [
    ("uk", "відмовився"), ("ru", "отказалась"), ("uk", "назвав"), ("uk", "охарактеризував"),
    ("ru", "охарактеризовал"), ("uk", "планує"), ("uk", "планують"), ("uk", "планував"), ("uk", "запланував"),
    ("ru", "планирует"), ("ru", "планируют"), ("ru", "планировал"), ("ru", "запланировал"), ("uk", "закликав"),
    ("uk", "пообіцяв"), ("uk", "обіцяв"), ("ru", "призвал"), ("ru", "призывает"), ("ru", "пообещал"),
    ("ru", "обещал"), ("uk", "наполягав"), ("ru", "настаивает"), ("ru", "настоял"), ("uk", "порадив"),
    ("ru", "посоветовал"), ("uk", "попередив"), ("ru", "предупредил"),
]
REST_SUBJECT = {"uk": "Міністр Петро Гриценко", "ru": "Министр Петр Гриценко"}
REST_OBJECT = {"uk": "збудувати нову школу", "ru": "построить новую школу"}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _triples(article: Article) -> list[tuple[str, str, str]]:
    t = article.text
    return [(s.source_text(t), s.cue.text(t) if s.cue else "", s.content_text(t)) for s in article.statements]


def test_every_entry_has_a_case() -> None:
    assert len(CUE_CASES) == 265  # one per entry (two irregular forms coincide with a stem's form)


@pytest.mark.parametrize(("language", "form", "agreement"), CUE_CASES, ids=[f"{c[0]}-{c[1]}" for c in CUE_CASES])
def test_cue_form(pipeline: Pipeline, language: str, form: str, agreement: str) -> None:
    subject = SUBJECTS[language][agreement]
    text = f"{subject} {form}, {THAT[language]}."
    assert _triples(pipeline(Article(text, language=language))) == [(subject, form, THAT[language])]


@pytest.mark.parametrize(("language", "form"), REST_CASES, ids=[f"{c[0]}-{c[1]}" for c in REST_CASES])
def test_rest_cue(pipeline: Pipeline, language: str, form: str) -> None:
    """"Міністр … пообіцяв збудувати нову школу": without "що", the rest of the clause is the content."""
    text = f"{REST_SUBJECT[language]} {form} {REST_OBJECT[language]}."
    assert _triples(pipeline(Article(text, language=language))) == [
        (REST_SUBJECT[language], form, REST_OBJECT[language])]


#: An oblique construction as the only mention of the speaker: the name is stored in the nominative.
OBLIQUE_CASES = [
    ("uk", "За словами Зеленського, ціни зростуть.", "За словами", "Зеленський"),
    ("uk", "На думку Зеленського, ціни зростуть.", "На думку", "Зеленський"),
    ("uk", "На переконання Зеленського, ціни зростуть.", "На переконання", "Зеленський"),
    ("uk", "За даними Міністерства фінансів, ціни зростуть.", "За даними", "Міністерство фінансів"),
    ("uk", "За інформацією прес-служби мерії, ціни зростуть.", "За інформацією", "Прес-служба мерії"),
    ("uk", "Видання, посилаючись на Зеленського, повідомило, що ціни зростуть.", "посилаючись на", "Зеленський"),
    ("ru", "По словам Пескова, цены вырастут.", "По словам", "Песков"),
    ("ru", "По мнению Пескова, цены вырастут.", "По мнению", "Песков"),
    ("ru", "По данным Министерства финансов, цены вырастут.", "По данным", "Министерство финансов"),
    ("ru", "По информации пресс-службы мэрии, цены вырастут.", "По информации", "Пресс-служба мэрии"),
    ("ru", "Издание, ссылаясь на Пескова, сообщило, что цены вырастут.", "ссылаясь на", "Песков"),
]


@pytest.mark.parametrize(("language", "text", "cue", "speaker"), OBLIQUE_CASES, ids=[c[2] for c in OBLIQUE_CASES])
def test_oblique_only_mention_gives_the_nominative(pipeline: Pipeline, language: str, text: str, cue: str,
                                                    speaker: str) -> None:
    article = pipeline(Article(text, language=language))
    found = [(s.cue.text(text) if s.cue else None, s.speaker.name if s.speaker else None) for s in article.statements]
    assert (cue, speaker) in found
