"""Counts of people killed, wounded and captured, as ACLED codes them: the lowest
figure the text supports, vague words ("several", "dozens") as fixed numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.extract import syntax
from sitroom.extract.aggregates import number
from sitroom.extract.lexicon import Lexicon
from sitroom.timex import calendar_word

if TYPE_CHECKING:
    from spacy.tokens import Token

    from sitroom.extract.context import Sentence


def stated_counts(
    sentence: Sentence, lexicon: Lexicon, clause: Token | None = None
) -> dict[str, int]:
    """Killed, wounded and captured counts stated with their verbs, lowest figure first,
    an exact figure before a vague word ("At least 44 killed, dozens injured": 44 dead,
    whatever the parse hangs "dozens" on); with ``clause``, only those of that clause
    (``clause_of``)."""
    counts: dict[str, int] = {}
    exact: set[str] = set()
    for token in sentence.span:
        if not (token.like_num or token.lower_ in lexicon.vague_counts):
            continue
        if in_a_date(token) or any(war_toll(a, lexicon) for a in token.ancestors):
            continue  # "in a conflict that has killed more than 100000": the war's toll
        if clause is not None and clause_of(token) != clause:
            continue
        value = number(token.text) if token.like_num else lexicon.vague_counts[token.lower_]
        if value is None or value > 100000:
            continue
        noun = token.head if token.dep_ == "nummod" else token
        verb = noun.head
        lemmas = {verb.lemma_.lower(), noun.lemma_.lower()} | {
            c.lemma_.lower() for c in noun.children
        }
        if _of_a_toll(token):
            lemmas.add("death")  # "the death toll rose to 12", "put the toll at 70"
        after = _counted_word_after(token, lexicon)
        if after is not None:  # "3 Killed 30 Wounded": a number counts the word it precedes
            lemmas = {after}
        said = token.doc[token.i + 1] if after is not None else verb
        for key, words in lexicon.count_words.items():
            if not lemmas & words:
                continue
            if key == "killed" and with_the_wounded(said, lexicon):
                continue  # "19 killed and injured": the casualties, not the dead
            if token.like_num and key not in exact:
                counts[key] = value  # the first exact figure replaces any vague one
                exact.add(key)
            elif token.like_num or key not in exact:
                counts[key] = min(counts.get(key, value), value)
    return counts


def with_the_wounded(word: Token, lexicon: Lexicon) -> bool:
    """Whether a word of killing is followed by one of wounding ("killed and injured",
    "dead or wounded"): a figure of both counts the casualties, dead and wounded together,
    and says nothing of how many died. Not "killed two and injured a woman", "killed and
    15 others injured": there each has its own figure."""
    wounded = lexicon.count_words["wounded"]
    after = word.doc[word.i + 1 : word.i + 3]
    return (
        len(after) == 2
        and after[0].lower_ in {"and", "or", "&"}
        and (after[1].lemma_.lower() in wounded or after[1].lower_ in {"injured", "wounded"})
    )


def _counted_word_after(token: Token, lexicon: Lexicon) -> str | None:
    """The casualty word right after a number ("30 wounded", "12 killed"), whatever the
    parse hangs the number on: English puts a figure before what it counts."""
    doc = token.doc
    if token.i + 1 >= len(doc):
        return None
    after = doc[token.i + 1]
    text, word = after.lower_, after.lemma_.lower()
    # the people counted: a participle or adjective ("30 wounded", "12 dead") or a noun of
    # casualties ("30 deaths"); not a verb of its own ("kills 30 injures 90")
    if not (text.endswith("ed") or text in {"dead", "hurt"} or word in {"death", "fatality"}):
        return None
    return word if any(word in words for words in lexicon.count_words.values()) else None


def war_toll(verb: Token, lexicon: Lexicon) -> bool:
    """A killing whose doer is the war itself ("the war has killed more than 300,000",
    "a conflict that has killed 100000"): the war's toll to date, no event of its own."""
    if verb.lemma_.lower() not in lexicon.count_words["killed"]:
        return False
    doer = syntax.subject(verb)
    if doer is not None and doer.lower_ in {"that", "which"} and verb.dep_ == "relcl":
        doer = verb.head
    return doer is not None and doer.lemma_.lower() in lexicon.roles["wars"]


def in_a_date(token: Token) -> bool:
    """Whether a number is part of a date ("Wed Nov 23 2016", "16 Jul 2016", "04-03-2016"):
    a day or a year, never a count of people, whatever the parse hangs it on."""
    if token.ent_type_ in {"DATE", "TIME"} or "-" in token.text or "/" in token.text:
        return True
    doc = token.doc
    # a capitalised month or weekday beside it ("Nov 23", "16 Jul"; not "12 may have")
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    if any(t.text[:1].isupper() and calendar_word(t.text) for t in near):
        return True
    return _a_year(token)


def _a_year(token: Token) -> bool:
    """A year after a day or month ("24 Oct 2016 Sixteen civilians", "04-04-2016 20
    Terrorists Killed"): the parse of a text that lost its punctuation may hang it on the
    noun the next figure counts."""
    doc = token.doc
    year = token.text.isdigit() and len(token.text) == 4 and 1900 <= int(token.text) <= 2100
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.text in {"-", ".", "/"} and token.i > 1:
        before = doc[token.i - 2]  # a numeric date split at its separators
    return year and before is not None and (before.like_num or calendar_word(before.text))


# Words that make a toll one of the living: the wounded, the arrested, the displaced.
NOT_DEAD = frozenset(
    {"injured", "injure", "wounded", "wound", "injury", "casualty", "arrest", "detain",
     "displaced", "displace", "missing"}
)  # fmt: skip


def _of_a_toll(number: Token) -> bool:
    """A number a toll is said to be: "a toll of 12", "the toll rose to 12", "putting the
    death toll at 70" (the number under a preposition of the toll or of its verb), or a
    headline's "Death toll from Aleppo bomb attack at least 112" (the number on the toll)."""
    prep = number.head
    if number.dep_ in {"npadvmod", "appos"} and prep.lemma_.lower() == "toll":
        return not any(w.lemma_.lower() in NOT_DEAD for w in prep.subtree)
    if number.dep_ != "pobj" or prep.lower_ not in {"of", "to", "at"}:
        return False
    owner = prep.head
    toll = owner if owner.lemma_.lower() == "toll" else None
    toll = toll or next(
        (c for c in owner.children if c.lemma_.lower() == "toll" and c.dep_ in {"nsubj", "dobj"}),
        None,
    )
    # "the toll of injured rose to 45" counts no dead
    return toll is not None and not any(w.lemma_.lower() in NOT_DEAD for w in toll.subtree)


def clause_of(token: Token) -> Token:
    """The clause a word tells part of: the sentence's root, or a coordinated verb with a
    subject of its own ("rebels attacked the base, and shelling killed 12 civilians": two
    clauses, two events, the toll told by the second). A participle or a verb sharing the
    subject stays in its head's clause ("shelled the village, killing six")."""
    while token.head != token:
        if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and syntax.subject(token):
            if syntax.subject(token).head == token:  # its own subject, not its head's
                return token
        token = token.head
    return token


def people_counted(trigger: Token, lexicon: Lexicon) -> dict[str, tuple[int, bool]]:
    """How many people a killing or arrest verb names as its objects: "captured a leader
    and several associates" is 1 + 3 (vague words as ACLED codes them); each total with
    whether it is only a guess: a plural with no number ("killed militants") is taken as
    2, the least it can mean, which a figure the sentence states elsewhere ("Thirty IS
    militants", parsed apart) beats."""
    lemma = trigger.lemma_.lower()
    key = next(
        (k for k, words in lexicon.count_words.items() if lemma in words),
        None,
    )
    if key is None or trigger.pos_ not in {"VERB", "NOUN"}:
        return {}
    if key == "killed" and with_the_wounded(trigger, lexicon):
        return {}  # "19 people were killed and injured": casualties, not the dead
    total = 0
    guessed = True
    counted_heads: set[Token] = set()  # conjuncts of a counted plural
    for obj in syntax.objects(trigger):
        if _a_part_of_those_counted(obj):
            continue  # "Fifteen civilians among them 11 children": the 11 are of the 15
        if wounded_by_participle(obj, lexicon):
            continue  # "Two children killed 5 others injured": the others are the wounded
        if obj.dep_ != "pobj" and _of_people(obj, lexicon):  # "several of his associates"
            total += number(obj.text) if obj.like_num else lexicon.vague_counts[obj.lower_]
            guessed = False
            continue
        if obj.dep_ == "pobj" or not (
            obj.ent_type_ == "PERSON" or obj.lemma_.lower() in lexicon.people
        ):
            continue
        amount = None
        # "Thirty IS militants": the number may hang on a name compounded with the noun
        compounds = [c for c in obj.children if c.dep_ == "compound"]
        for child in [*obj.children, *(g for c in compounds for g in c.children)]:
            if child.dep_ in {"nummod", "amod", "det"} and not _a_year(child):
                word = child.lower_
                amount = number(word) if child.like_num else lexicon.vague_counts.get(word, amount)
                if word in {"a", "an", "one", "the"} and amount is None:
                    amount = 1
        if amount is None and obj.dep_ == "conj" and obj in counted_heads:
            continue  # "25 soldiers and fighters": the number counts both
        if amount is None and obj.tag_ not in {"NN", "NNP"}:
            amount = 2
        else:
            guessed = False
        if amount is not None and obj.tag_ in {"NNS", "NNPS"}:
            counted_heads.update(c for c in obj.children if c.dep_ == "conj")
        total += amount if amount is not None else 1
    return {key: (total, guessed)} if total else {}


def wounded_by_participle(noun: Token, lexicon: Lexicon) -> bool:
    """A headline's "N killed M others injured" with its commas gone parses "M others" as
    the object of "killed"; the wound participle on it says they are the wounded."""
    return any(
        c.dep_ in {"acl", "amod"} and c.lemma_.lower() in lexicon.count_words["wounded"]
        for c in noun.children
    )


# Words that open a breakdown of people counted just before: "15 civilians, among them 11
# children", "three killed including two women", "20 people, of whom six were children".
PART_OF = (("including",), ("among", "them"), ("among", "whom"), ("of", "whom"), ("of", "them"))


def _a_part_of_those_counted(noun: Token) -> bool:
    """Whether a counted noun follows words that make it part of a count before it."""
    start = noun.left_edge.i
    before = [t.lower_ for t in noun.doc[max(start - 2, 0) : start]]
    return any(tuple(before[-len(words) :]) == words for words in PART_OF)


def _of_people(token: Token, lexicon: Lexicon) -> bool:
    """A number or vague word standing for people: "two of the men", "several of them"."""
    if not (token.like_num and number(token.text) is not None) and (
        token.lower_ not in lexicon.vague_counts
    ):
        return False
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (
                    pobj.lemma_.lower() in lexicon.people or pobj.ent_type_ == "PERSON"
                ):
                    return True
    return False


@dataclass(frozen=True)
class Counted:
    """Whom a killing or arrest verb counts, to tell new people from people counted
    already when two sentences count for the same event."""

    heads: frozenset[str] = frozenset()  # "leader", "insurgent"
    marked: bool = False  # "additional", "also", "others": on top of earlier counts
    definite: bool = False  # "the leader", "them", "his associates": counted already
    parts: int = 0  # how many verbs of the sentence count people

    def adds_to(self, earlier: Counted, key: str) -> bool:
        """Whether this count of ``key`` ("killed", "captured", ...) comes on top of
        ``earlier`` rather than telling it again. Marked as more, always; detainees also
        when they are new kinds of people ("captured a leader ... multiple suspects were
        detained"), as releases list them piecemeal, while the dead of another kind are
        more often another incident told in passing ("an ambush that killed two soldiers").
        Never when it names those counted ("the leader and three others")."""
        if self.definite or not self.heads:
            return False
        if self.marked:
            return True
        return key == "captured" and not (self.heads & earlier.heads)

    def __or__(self, other: Counted) -> Counted:
        return Counted(self.heads | other.heads, self.marked, self.definite, self.parts)

    @staticmethod
    def union(parts: Iterable[Counted]) -> Counted:
        """Whom one sentence counts, over all its verbs."""
        heads: frozenset[str] = frozenset()
        marked = definite = False
        verbs = 0
        for part in parts:
            heads |= part.heads
            marked = marked or part.marked
            definite = definite or part.definite
            verbs += part.parts
        return Counted(heads, marked, definite, verbs)


DEFINITE = {"the", "these", "those", "his", "her", "their", "its", "both"}


def counted(trigger: Token, lexicon: Lexicon) -> Counted:
    """The people a verb's objects name, and whether they are marked as more or as
    already known."""
    marked = any(
        c.dep_ in {"advmod", "npadvmod"} and c.lower_ in lexicon.additive for c in trigger.children
    )
    heads: set[str] = set()
    definite = False
    for obj in syntax.objects(trigger):
        lemma = obj.lemma_.lower()
        if obj.pos_ == "PRON" and lemma not in lexicon.additive:
            definite = True
            continue
        if not (lemma in lexicon.people or obj.ent_type_ == "PERSON" or _of_people(obj, lexicon)):
            continue
        modifiers = {c.lower_ for c in obj.children if c.dep_ in {"amod", "det", "nummod", "poss"}}
        heads.add(lemma)
        if lemma in lexicon.additive or modifiers & lexicon.additive:
            marked = True
        elif modifiers & DEFINITE or obj.ent_type_ == "PERSON":
            definite = True  # "the leader and three others": the leader was counted
    return Counted(frozenset(heads), marked, definite, 1 if heads else 0)
