"""CSV delimiter detection when title rows above the table hold no delimiter."""

from __future__ import annotations

import pytest

from loaders.readers import _consistent_delimiter, read_csv

SMALL = (
    "Suivi du plan TEH\n"
    "Situation au 27/06/2025\n"
    "\n"
    "Réf.;Intitulé;Pilote;Échéance;État d'avancement;Commentaire\n"
    "F01;Formation, magistrats;MIPROF;fin 2025;en cours;ok\n"
    "F06;MNIOP;MIPROF;;engagée;pas encore\n"
)


@pytest.mark.parametrize("delim", [";", ",", "\t"])
def test_consistent_delimiter_ignores_title_rows(delim):
    text = SMALL.replace(";", delim) if delim != ";" else SMALL
    if delim == ",":
        text = text.replace("Formation, magistrats", '"Formation, magistrats"')
    assert _consistent_delimiter(text) == delim


def test_small_french_csv_with_title_rows_reads_its_columns(tmp_path):
    path = tmp_path / "suivi.csv"
    path.write_bytes(SMALL.encode("cp1252"))
    table = read_csv(str(path))
    assert table["delimiter"] == ";" and table["encoding"] == "Windows-1252"
    header = table["sheets"][0]["rows"][3]
    assert header == ["Réf.", "Intitulé", "Pilote", "Échéance", "État d'avancement", "Commentaire"]
