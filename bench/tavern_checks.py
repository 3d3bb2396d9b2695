"""Response checks for the Tavern side of the benchmark (runs inside bench/.venv).

`shape` validates the JSON body against one of the shape files in BENCH_SHAPES (gen.py's copy of
Specs/shapes plus its task-list.yaml: the same files Conform reads) with jsonschema's Draft 2020-12 validator, `$ref`s resolved between the
files, and formats asserted (uuid, date, date-time: Conform asserts them too; date-time needs
rfc3339-validator). Each schema is compiled once per process, as Conform compiles each shape
once per run. `empty` checks that a body is empty (Conform's `body: empty`).

Tavern calls these through `verify_response_with`; a raised exception fails the stage.
"""

import functools
import os
import pathlib

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SHAPES = pathlib.Path(os.environ.get("BENCH_SHAPES", pathlib.Path(__file__).parent.parent / "Specs" / "shapes")).resolve()


def _load(path):
    with open(path) as handle:
        return Resource.from_contents(yaml.safe_load(handle), default_specification=DRAFT202012)


@functools.lru_cache(maxsize=None)
def _registry():
    """Every shape file, loaded once, under its file: URI (relative `$ref`s resolve against it).
    A registry that retrieved files on demand would parse them again on every validation."""
    files = sorted(SHAPES.glob("*.yaml")) + sorted(SHAPES.glob("*.json"))
    return Registry().with_resources((path.as_uri(), _load(path)) for path in files).crawl()


@functools.lru_cache(maxsize=None)
def _validator(name):
    registry = _registry()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": (SHAPES / name).as_uri()}
    validator_class = jsonschema.Draft202012Validator
    return validator_class(schema, registry=registry, format_checker=validator_class.FORMAT_CHECKER)


def shape(response, schema):
    _validator(schema).validate(response.json())


def empty(response):
    if response.content:
        raise AssertionError(f"body: expected empty, actual {len(response.content)} bytes")
