"""Language check: prose in another language is refused (422 naming it) unless forced to English."""
from __future__ import annotations

import pytest

from service.nlp.article import language

# Short invented news sentences, one per language.
FOREIGN = {
    "es": "Al menos doce personas murieron el martes en un ataque contra un mercado de la ciudad, "
          "según dijo la policía local. Los heridos fueron trasladados al hospital provincial.",
    "fr": "Au moins douze personnes ont été tuées mardi dans une attaque contre un marché de la "
          "ville, a indiqué la police locale. Les blessés ont été transportés à l'hôpital.",
    "de": "Mindestens zwölf Menschen sind am Dienstag bei einem Angriff auf einen Markt in der "
          "Stadt getötet worden, teilte die Polizei mit. Die Verletzten kamen ins Krankenhaus.",
    "it": "Almeno dodici persone sono morte martedì in un attacco contro un mercato della città, "
          "ha detto la polizia locale. I feriti sono stati portati all'ospedale provinciale.",
    "pt": "Pelo menos doze pessoas morreram na terça-feira num ataque contra um mercado da "
          "cidade, disse a polícia local. Os feridos foram levados para o hospital da província.",
    "nl": "Ten minste twaalf mensen zijn dinsdag omgekomen bij een aanval op een markt in de "
          "stad, meldde de lokale politie. De gewonden werden naar het ziekenhuis gebracht.",
    "ru": "По меньшей мере двенадцать человек погибли во вторник в результате нападения на "
          "рынок в городе, сообщила местная полиция. Раненые доставлены в больницу.",
    "ar": "قُتل ما لا يقل عن اثني عشر شخصا يوم الثلاثاء في هجوم على سوق في المدينة، بحسب ما "
          "أعلنت الشرطة المحلية. ونقل الجرحى إلى المستشفى.",
    "tr": "Salı günü şehirdeki bir pazara düzenlenen saldırıda en az on iki kişi hayatını "
          "kaybetti, yerel polis açıkladı. Yaralılar hastaneye kaldırıldı.",
    "zh": "当地警方说，星期二该市一个市场遭到袭击，至少十二人死亡。伤者已被送往省医院接受治疗，"
          "警方正在调查袭击的原因，目前还没有任何组织声称对此负责。",
}
NAMES = {"es": "Spanish", "fr": "French", "de": "German", "ru": "Russian", "zh": "Chinese"}
ENGLISH = ("At least twelve people were killed on Tuesday when gunmen attacked a market in the "
           "northern town of Velmora, the provincial police said. The wounded were taken to the "
           "district hospital, where doctors said four of them were in a critical condition.\n\n"
           "Witnesses said the attackers arrived on motorcycles shortly after dawn and fled "
           "before the security forces reached the area. No group has claimed responsibility.")
PROBLEM = "application/problem+json"


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_each_foreign_text_is_detected_as_its_language(code):
    detection = language.detect(FOREIGN[code])
    assert (detection.language, detection.decided, detection.supported) == (code, True, False)


def test_english_prose_is_english():
    detection = language.detect(ENGLISH)
    assert detection.language == "en" and detection.decided and detection.share == 1.0


@pytest.mark.parametrize("text", ["Hola.", "Al menos doce muertos", "Paris, 12 mai", "2021-08-21",
                                  "¡Ay!", "Мир", ""])
def test_text_too_short_to_tell_is_english(text):
    detection = language.detect(text)
    assert detection.language == "en" and not detection.decided


def test_text_without_linguistic_content_is_english():
    detection = language.detect("x7_q9" * 40 + "\n" + "qwrtpsdfgh" * 30)
    assert detection.language == "en"


def test_english_article_quoting_a_paragraph_in_another_language_stays_english():
    quoted = ENGLISH + "\n\nThe mayor's statement read:\n\n" + FOREIGN["es"] + "\n\n" + ENGLISH
    detection = language.detect(quoted)
    assert detection.language == "en" and 0.5 < detection.share < 1


def test_foreign_article_quoting_an_english_paragraph_is_foreign():
    text = "\n\n".join([FOREIGN["fr"], FOREIGN["fr"].replace("mardi", "lundi"), ENGLISH[:230],
                        FOREIGN["fr"].replace("douze", "treize")])
    assert language.detect(text).language == "fr"


def test_headings_and_bylines_are_left_out_of_the_vote():
    text = "\n".join(["Ataque en el mercado", "Por Ana Ruiz", "", ENGLISH])
    voted = language.blocks(text)
    assert len(voted) == 2 and "Ana Ruiz" not in "".join(voted)
    assert language.detect(text).share == 1.0


def test_text_without_long_lines_is_classified_whole():
    text = "\n".join(FOREIGN["pt"].split(", "))
    assert language.blocks(text) == [text] and language.detect(text).language == "pt"


def test_forced_language_wins_over_detection():
    assert language.check(FOREIGN["de"], forced="en").language == "en"
    assert language.check(FOREIGN["de"]).language == "de"


def test_language_names():
    assert [language.language_name(code) for code in ("es", "de", "zh")] == \
        ["Spanish", "German", "Chinese"]
    assert language.language_name("qq") == "qq"


# --- HTTP ------------------------------------------------------------------------------------

def _unsupported(response, code):
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["title"] == "Unsupported Language"
    assert body["language"] == code and body["supported"] == ["en"]
    assert f"({code})" in body["detail"]
    return body


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_foreign_text_is_422_naming_its_language(client, code):
    body = _unsupported(client.post("/v1/annotate", json={"text": FOREIGN[code]}), code)
    if code in NAMES:
        assert NAMES[code] in body["detail"]


def test_text_plain_foreign_text_is_422_and_the_query_can_force_english(client):
    data = FOREIGN["it"].encode()
    _unsupported(client.post("/v1/annotate", data=data, content_type="text/plain"), "it")
    forced = client.post("/v1/annotate?language=en", data=data, content_type="text/plain")
    assert forced.status_code == 200 and forced.get_json()["language"] == "en"


def test_forcing_english_annotates_and_reports_english(client):
    response = client.post("/v1/annotate", json={"text": FOREIGN["es"], "language": "en"})
    assert response.status_code == 200 and response.get_json()["language"] == "en"


def test_only_supported_languages_can_be_forced(client):
    response = client.post("/v1/annotate", json={"text": FOREIGN["es"], "language": "es"})
    assert response.status_code == 422 and "language" in response.get_json()["errors"]


def test_english_and_short_texts_are_annotated_as_english(client):
    for text in (ENGLISH, "Hola."):
        response = client.post("/v1/annotate", json={"text": text})
        assert response.status_code == 200 and response.get_json()["language"] == "en"


def test_html_is_checked_on_its_extracted_text(client):
    page = f"<html><body><article><p>{FOREIGN['nl']}</p></article></body></html>"
    _unsupported(client.post("/v1/annotate", json={"text": page, "format": "html"}), "nl")


def test_batch_items_get_their_language_problem_in_place(client):
    items = [{"text": ENGLISH}, {"text": FOREIGN["ru"]}, {"text": FOREIGN["ru"], "language": "en"}]
    results = client.post("/v1/annotate/batch", json={"items": items}).get_json()["results"]
    assert [result["status"] for result in results] == [200, 422, 200]
    problem = results[1]["problem"]
    assert problem["language"] == "ru" and problem["title"] == "Unsupported Language"
    assert results[2]["result"]["language"] == "en"
