"""Is an event asserted, claimed by someone, denied, or only feared, threatened or planned?

Read from the parse around the trigger: a modal or a condition ("would send
troops", "unless it is attacked"), a verb or noun of fear, threat or plan
above it ("threatened to close", "braces for a renewed attack", "plans to
reopen"), a negation or a denial ("did not cross", "denied that its troops
had crossed"), a speech verb above it or "according to" ("Ukraine said
Russian bombers struck ...": claimed by Ukraine). Hypothetical and denied
events stay out of the layers unless asked for; claimed ones keep who claims.
"""

from __future__ import annotations

from dataclasses import dataclass

ASSERTED, CLAIMED, DENIED, HYPOTHETICAL = "asserted", "claimed", "denied", "hypothetical"
MODAL_WORDS = {"would", "could", "might", "may", "should", "shall", "must"}
#: "will" and "going to" announce the future; "will remain closed" states what holds.
FUTURE_WORDS = {"will", "wo", "'ll"}
STATE_VERBS = {"remain", "stay", "continue", "keep"}
CONDITIONS = {"if", "unless", "whether", "lest"}
#: Verbs and nouns under which an event is only feared, threatened, planned, prepared for, agreed on or asked for
#: ("agreed to reopen the crossing next month", "urged Egypt to open Rafah").
UNREAL_HEADS = {"threaten", "threat", "plan", "intend", "intention", "prepare", "brace", "fear", "warn", "risk",
                "vow", "promise", "expect", "want", "seek", "aim", "hope", "consider", "propose", "possibility",
                "prospect", "danger", "ready", "able", "deter", "avoid", "plot", "go", "delay", "postpone", "look",
                "agree", "pledge", "offer", "demand", "urge", "ask", "need", "capable"}
DENIALS = {"deny", "reject", "dismiss", "refute"}
CLAIM_VERBS = {"say", "claim", "accuse", "allege", "report", "tell", "announce", "confirm", "state", "insist", "charge",
               "blame", "add", "note", "write", "declare", "show", "believe", "suspect", "estimate", "indicate"}
HEDGES = {"allegedly", "reportedly", "purportedly", "apparently", "supposedly"}
#: Temporal words whose clause tells what happened before: "expected to reopen after being shut for five
#: years" was closed, whatever is expected of the reopening.
PAST_CLAUSE_WORDS = {"after", "since", "following"}
#: Verbs that end what their object tells: "urged the army to stop its shelling of the town" says it shells.
ENDING_VERBS = {"end", "halt", "stop", "cease"}
#: How far up the tree the reading looks.
MAX_DEPTH = 6


@dataclass(frozen=True)
class Modality:
    value: str
    claimed_by: str | None = None  # who says it happened (or denies it)


def _subject_text(verb) -> str | None:
    """The words of the verb's subject without its clauses and articles: "the refugees who crossed at Medyka
    said" is said by "refugees"."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    clauses = {t.i for c in subject.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    words = [t for t in subject.subtree if t.i not in clauses and (t.dep_ != "punct" and t.pos_ != "DET" or t.i == subject.i)]
    return " ".join(t.text for t in words).strip() or None


def _according_to(token) -> str | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            to = next((c for c in child.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return " ".join(t.text for t in obj.subtree)
    return None


def _own_unreal(token) -> bool:
    """A modal, a future or a condition on the trigger itself."""
    children = list(token.children)
    lemmas = {c.lower_ for c in children if c.dep_ == "aux"}
    states = token.lemma_ in STATE_VERBS  # "would remain closed", "will stay open": what holds
    if lemmas & MODAL_WORDS and not states:
        return True
    if lemmas & FUTURE_WORDS and not states:
        return True
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in children)


def _past_clause(token) -> bool:
    """Is the token the verb of a clause of what happened before: "after being closed", "since it was shut"?
    Only in the past or the perfect: "after Russian troops cross into Belarus" is still to come."""
    introduced = (token.dep_ in ("pcomp", "pobj") and token.head.lower_ in PAST_CLAUSE_WORDS) or (
        token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in PAST_CLAUSE_WORDS for c in token.children))
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    past = token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(
        auxiliaries & {"being", "been", "was", "were", "had", "has", "have", "having"}))
    return introduced and past


#: Words that give a clause or a noun as the reason for what the sentence goes on to say.
REASON_MARKS = {"because", "as", "since", "while", "though", "although", "whereas"}


def _reason(token) -> bool:
    """Is the token the verb of a reason clause or the noun of a reason phrase ("because Poland closed the
    crossing", "due to the closure of the crossing")? What is said above it (trucks "need to wait", drivers
    "fear" delays) is about its consequence, not about whether it happened."""
    if token.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in REASON_MARKS for c in token.children)
    head = token.head
    return token.dep_ == "pobj" and (head.lower_ in ("because", "due", "owing") or (
        head.lower_ in ("of", "to") and head.head.lower_ in ("because", "due", "owing")))  # parsed both ways


def _negated(token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def modality(doc, trigger) -> Modality:
    """The modality of the event the trigger tells, and who claims (or denies) it."""
    token, claimed_by, claimed = doc[trigger] if isinstance(trigger, int) else trigger, None, False
    past = False  # above a clause of what happened before, or of a reason, a plan or a fear is about something else
    # A verb reached through its active subject says nothing of the event: "refugees who crossed at Medyka said they
    # walked for days", "troops who entered the town fear reprisals" tell the crossing as a fact. Above a
    # relative clause, a plan or a denial is about something else: "threatened to deport the migrants who
    # crossed at Rafah"; a speaker still tells it ("officials said migrants who crossed were detained").
    # Nor above a verb that ends the event: "asked the rebels to halt their raids across the river".
    through_subject = described = False
    for depth in range(MAX_DEPTH):
        governs = depth and not through_subject
        lemma = token.lemma_.lower()
        if not past and (_own_unreal(token) or (governs and not described and lemma in UNREAL_HEADS)):
            return Modality(HYPOTHETICAL)
        if not past and _negated(token) and depth <= 1:
            return Modality(DENIED, claimed_by)
        if governs and not described and lemma in DENIALS:
            return Modality(DENIED, _subject_text(token))
        according = _according_to(token)
        if claimed_by is None and (according or (governs and lemma in CLAIM_VERBS)):
            claimed_by, claimed = according or _subject_text(token), True
        if any(c.lower_ in HEDGES for c in token.children):
            claimed = True
        past = past or _past_clause(token) or _reason(token)
        if token.head.i == token.i:
            break
        # what a passive's subject undergoes is the event itself ("the reopening was delayed"), unless the
        # event only describes that subject ("migrants who crossed were feared dead")
        through_subject = token.dep_ == "nsubj" or (token.dep_ == "nsubjpass" and depth > 0)
        described = described or token.dep_ == "relcl" or (
            token.dep_ == "dobj" and token.head.lemma_.lower() in ENDING_VERBS)
        token = token.head
    return Modality(CLAIMED, claimed_by) if claimed else Modality(ASSERTED)
