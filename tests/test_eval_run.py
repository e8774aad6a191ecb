from sitroom.actors import ActorDictionary
from sitroom.eval.run import actor_resolver


def test_surface_actor_phrases_resolve_to_the_actor_they_name():
    resolve = actor_resolver(ActorDictionary.load())
    assert resolve("British Defence Secretary Tom King") == "United Kingdom"
    assert resolve("Taleban") == "Taliban"
    assert resolve("Some Unknown Committee") == "Some Unknown Committee"
