"""Actors: the actor dictionary, people and their roles, and references back to actors.

The dictionary is data: ``data/actors.yaml`` (canonical actors, ACLED's spelling where
ACLED has one), ``data/countries.yaml`` (short names and demonyms; one ``state`` actor per
pycountry country is generated from it), ``data/generic.yaml`` (descriptions such as
"police" or "protesters" that a country makes an actor: "Sudanese police" ->
"Police Forces of Sudan (2019-)"), ``data/roles.yaml`` and ``data/references.yaml``.

Users extend it without code: ``ActorDictionary.load(extra_paths=[...])`` reads more
YAML files of the same schema as ``actors.yaml``, after the files listed in the
environment variable ``SITROOM_ACTORS`` (paths separated by ``os.pathsep``, ":" on
POSIX). Files load in that order, after the bundled data; an entry with an existing
name adds aliases to that actor, and a later file's alias wins over an earlier one's.
A malformed entry raises ``sitroom.errors.DataFileError`` naming file and line.
"""

from sitroom.actors.coref import resolve_reference
from sitroom.actors.dictionary import ENV_VAR, Actor, ActorDictionary
from sitroom.actors.persons import Person, person_roles, role_words

__all__ = [
    "ENV_VAR",
    "Actor",
    "ActorDictionary",
    "Person",
    "person_roles",
    "resolve_reference",
    "role_words",
]
