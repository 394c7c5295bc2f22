"""`python -m coalition suggest` on bad input: each gets a clear answer and a documented exit code
(issue 14, "Bad input gets a clear answer"). In-process (coalition.__main__.main) so each is fast."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from coalition import files, language
from coalition.__main__ import main
from coalition.validate import check, date_out_of_range

ROOT = Path(__file__).resolve().parent.parent
SEED0 = ROOT / "seeds" / "000_3b4eb8e4f72c0423.txt"


def run(capsys, *args):
    code = main(["suggest", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


# --- an empty article --------------------------------------------------------------------
@pytest.mark.parametrize("content", ["", "  \n\n\t \n"])
def test_an_empty_article_warns_and_writes_no_draft(tmp_path, capsys, content):
    article, out = tmp_path / "empty.txt", tmp_path / "empty.yaml"
    article.write_text(content, encoding="utf-8")
    code, stdout, err = run(capsys, article, "--published", "2025-03-16", "--out", out)
    assert code == 1
    assert "warning:" in err and "is empty" in err and "no draft written" in err
    assert not out.exists() and stdout == ""


# --- an article over the size limit ---------------------------------------------------------
def test_an_oversized_article_is_refused_at_once_with_its_size_and_the_limit(tmp_path, capsys):
    article = tmp_path / "huge.txt"
    with open(article, "wb") as fh:  # sparse: 4 GB that are never written (nor read, if stat is used)
        fh.truncate(4 * 1024**3)
    started = time.monotonic()
    code, stdout, err = run(capsys, article, "--published", "2025-03-16", "--out", tmp_path / "d.yaml")
    assert time.monotonic() - started < 2.0
    assert code == 2
    assert "4,096.0 MB" in err and f"{files.MAX_SEED_BYTES:,} bytes" in err and "over the limit of 2 MB" in err
    assert "reading" not in err  # refused before any read
    assert not (tmp_path / "d.yaml").exists()


def test_an_article_just_under_the_limit_is_read(tmp_path, capsys):
    article = tmp_path / "long.txt"
    article.write_text(SEED0.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, article, "--published", "2025-03-16", "--out", tmp_path / "d.yaml", "--quiet")
    assert code == 0, err
    assert "over the limit" not in err


# --- a --published date the validator would refuse -----------------------------------------------
@pytest.mark.parametrize("day", ["2999-01-01", "1899-12-31"])
def test_a_published_date_out_of_range_gets_the_validators_own_message(tmp_path, capsys, day):
    code, _, err = run(capsys, SEED0, "--published", day, "--out", tmp_path / "d.yaml")
    assert code == 2
    message = date_out_of_range(dt.date.fromisoformat(day))
    assert message and f"error: --published {message}" in err
    assert not (tmp_path / "d.yaml").exists()


def test_the_validator_says_the_same_of_a_source_published_that_day(scratch):
    line = scratch.replace('published: "2025-03-16"', 'published: "2999-01-01"')
    _, problems = check(scratch.path)
    [p] = [p for p in problems if p.where.endswith(".published")]
    assert p.line == line and p.what == date_out_of_range(dt.date(2999, 1, 1))


def test_today_is_a_valid_publication_date(tmp_path, capsys):
    code, _, err = run(capsys, SEED0, "--published", dt.date.today().isoformat(), "--out", tmp_path / "d.yaml",
                       "--quiet")
    assert code == 0, err


# --- progress ------------------------------------------------------------------------------
def test_suggest_shows_its_progress_on_stderr_and_quiet_hides_it(tmp_path, capsys):
    code, stdout, err = run(capsys, SEED0, "--published", "2025-03-16", "--out", tmp_path / "a.yaml")
    assert code == 0, err
    phases = [line for line in err.splitlines() if line.startswith("suggest: ")]
    assert [p.split()[1].rstrip("\u2026") for p in phases] == ["reading", "finding", "stances", "learned",
                                                               "events", "figures", "writing"]
    assert "suggest:" not in stdout  # stdout stays the summary
    code, _, err = run(capsys, SEED0, "--published", "2025-03-16", "--out", tmp_path / "b.yaml", "--quiet")
    assert code == 0 and "suggest: " not in err


# --- a non-English article ---------------------------------------------------------------------
FOREIGN = {
    "German": "Der britische Premierminister Keir Starmer hat am Samstag eine Videokonferenz mit mehr als zwanzig "
              "Staats- und Regierungschefs geleitet. Deutschland will sich nach Angaben der Bundesregierung vorerst "
              "nicht mit eigenen Soldaten an einer Friedenstruppe für die Ukraine beteiligen, sagte ein Sprecher in "
              "Berlin.",
    "French": "Le président Emmanuel Macron a réuni jeudi à l'Élysée une trentaine de chefs d'État et de gouvernement "
              "pour discuter des garanties de sécurité accordées à l'Ukraine. La France et le Royaume-Uni sont prêts "
              "à envoyer des troupes, mais plusieurs pays européens restent réticents, selon des diplomates.",
    "Spanish": "El presidente del Gobierno, Pedro Sánchez, afirmó el martes que España no enviará tropas a Ucrania por "
               "el momento, aunque está dispuesta a participar en una futura misión de paz. La coalición de "
               "voluntarios se reunirá de nuevo en Londres la próxima semana para hablar de las garantías de "
               "seguridad.",
    "Italian": "La presidente del Consiglio Giorgia Meloni ha ribadito che l'Italia non invierà soldati in Ucraina "
               "senza un mandato delle Nazioni Unite. Secondo fonti diplomatiche, il governo di Roma è disposto a "
               "sostenere la coalizione con aiuti economici e con la condivisione di informazioni.",
    "Polish": "Premier Donald Tusk powiedział w piątek, że Polska nie wyśle swoich żołnierzy na Ukrainę, ale będzie "
              "wspierać koalicję logistycznie. Według rządu w Warszawie najważniejsze jest to, aby Stany Zjednoczone "
              "pozostały zaangażowane w gwarancje bezpieczeństwa dla Kijowa.",
    "Dutch": "De Nederlandse regering heeft dinsdag laten weten dat zij in principe bereid is om bij te dragen aan "
             "een vredesmacht in Oekraïne. Premier Dick Schoof zei na het overleg in Parijs dat er eerst "
             "duidelijkheid moet komen over de rol van de Verenigde Staten.",
    "Portuguese": "O primeiro-ministro português afirmou nesta quarta-feira que Portugal está disponível para "
                  "participar numa eventual missão de manutenção da paz na Ucrânia. Segundo o governo, a decisão "
                  "final dependerá das garantias de segurança dadas pelos Estados Unidos e não será tomada antes da "
                  "cimeira de Londres.",
    "Swedish": "Statsminister Ulf Kristersson sade på tisdagen att Sverige är berett att bidra till en fredsstyrka i "
               "Ukraina, men att det är för tidigt att tala om hur många soldater det kan handla om. Regeringen vill "
               "först veta vilken roll USA kommer att spela efter ett eventuellt eldupphör.",
    "Danish": "Statsminister Mette Frederiksen sagde tirsdag, at Danmark er parat til at bidrage til en fredsstyrke i "
              "Ukraine, hvis der kommer en våbenhvile. Regeringen vil dog ikke sende soldater, før det er afklaret, "
              "hvilken rolle USA skal spille, og hvordan opgaven skal løses efter aftalen.",
    "Norwegian": "Statsminister Jonas Gahr Støre sa tirsdag at Norge er villig til å bidra til en fredsstyrke i "
                 "Ukraina dersom det blir en våpenhvile. Regjeringen vil likevel ikke sende soldater før det er "
                 "avklart hvilken rolle USA skal spille, og hvordan oppdraget skal løses etter en avtale.",
    "Finnish": "Pääministeri Petteri Orpo sanoi tiistaina, että Suomi on valmis osallistumaan Ukrainan "
               "turvallisuustakuisiin, mutta on liian aikaista puhua sotilaiden lähettämisestä. Hallitus haluaa "
               "ensin tietää, mikä rooli Yhdysvalloilla on mahdollisen tulitauon jälkeen ja kuka johtaa operaatiota.",
    "Ukrainian": "Президент Володимир Зеленський заявив у суботу, що Україна вітає готовність європейських партнерів "
                 "надати гарантії безпеки. За його словами, присутність іноземних військ має стати частиною "
                 "будь-якої угоди про припинення вогню, і Київ очікує конкретних рішень від коаліції.",
    "Russian": "Министр иностранных дел России Сергей Лавров заявил во вторник, что Москва не допустит размещения "
               "войск стран НАТО на Украине ни под каким флагом. По его словам, такие планы европейских столиц только "
               "затягивают конфликт и мешают переговорам, которые ведутся с Вашингтоном.",
}
ENGLISH = [  # English news prose that quotes foreign names, places and a few foreign words
    "French President Emmanuel Macron hosted leaders at the Élysée Palace on Thursday, where Spain's Pedro Sánchez "
    "said Madrid was not yet ready to commit troops. The talks in Paris ended without a deal on who would lead the "
    "force, according to two diplomats briefed on the meeting.",
    "Poland's Prime Minister Donald Tusk told reporters in Warsaw that Polish soldiers would not be deployed to "
    "Ukraine, while Germany's Friedrich Merz said Berlin was open to discussing a role once a ceasefire was in "
    "place. Norway's Jonas Gahr Støre and Denmark's Mette Frederiksen signalled support for the coalition's plans.",
    "“Nous sommes prêts,” Macron told reporters in French after the summit, before switching to English to say "
    "that France and Britain would lead the planning of a reassurance force for Ukraine with the support of several "
    "European partners, Türkiye and Canada.",
    "Ukraine's Volodymyr Zelensky (Володимир Зеленський) welcomed the pledges in Kyiv, and Italy's Giorgia Meloni "
    "repeated that Rome would not send soldiers without a United Nations mandate, a line she has held since the "
    "London summit earlier this month.",
]


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_a_foreign_paragraph_is_named_by_its_language(lang):
    guess = language.guess(FOREIGN[lang])
    assert guess is not None and guess.language == lang


@pytest.mark.parametrize("i", range(len(ENGLISH)))
def test_english_quoting_foreign_names_is_english(i):
    assert language.guess(ENGLISH[i]) is None


@pytest.mark.parametrize("path", sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/fixtures/*.txt")),
                         ids=lambda p: p.name)
def test_the_projects_articles_are_english(path):
    assert language.guess(path.read_text(encoding="utf-8")) is None


def test_close_relatives_with_nothing_to_tell_them_apart_are_both_named():
    text = "Regeringen vil ikke sende soldater til Ukraine før det er klart hvem der skal lede det og om USA er med på det"
    assert language.guess(text).language == "Danish or Norwegian"


def test_a_short_line_is_not_judged():
    assert language.guess("Der Spiegel") is None and language.guess("") is None


def test_suggest_warns_about_a_german_article_and_still_writes_the_draft(tmp_path, capsys):
    article, out = tmp_path / "artikel.txt", tmp_path / "artikel.yaml"
    article.write_text(FOREIGN["German"] + "\n", encoding="utf-8")
    code, stdout, err = run(capsys, article, "--published", "2025-03-16", "--out", out, "--quiet")
    assert code == 0, err
    assert f"warning: {article} seems to be in German, not English" in err
    assert "reads English only" in err
    assert out.is_file() and "seems to be in German" in out.read_text(encoding="utf-8")  # the draft says so too


def test_suggest_does_not_warn_about_an_english_article(tmp_path, capsys):
    article = tmp_path / "english.txt"
    article.write_text("\n\n".join(ENGLISH) + "\n", encoding="utf-8")
    code, _, err = run(capsys, article, "--published", "2025-03-16", "--out", tmp_path / "e.yaml", "--quiet")
    assert code == 0, err
    assert "seems to be in" not in err


def test_exit_codes_are_documented():
    import coalition.__main__ as cli

    doc = cli.__doc__
    assert "empty article" in doc and "--quiet" in doc and "merge drafts/NNN.yaml" in doc


@pytest.fixture(autouse=True)
def _no_cwd_drafts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a default --out would land in tmp_path/drafts, never in the repository


def test_a_corrupt_learned_model_gets_a_clear_error_not_a_traceback(tmp_path, capsys, monkeypatch):
    from coalition import learned
    bad = tmp_path / "stance_model.json"
    bad.write_text('{"format": 1, "issues": {"troops": {"classes": ["none"]}}}', encoding="utf-8")
    monkeypatch.setattr(learned, "MODEL_FILE", bad)
    code, _, err = run(capsys, SEED0, "--published", "2025-03-16", "--out", tmp_path / "a.yaml")
    assert code == 1 and "learned stance model is unusable" in err and "stance_model.json" in err
    assert "Traceback" not in err and not (tmp_path / "a.yaml").exists()
