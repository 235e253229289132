"""English words that are never a speaker's name.

The speaker resolver refuses them as names and the web-gold scorer counts any that slip through,
so both read this one list.
"""

from __future__ import annotations

#: Words that are never a speaker's name: pronouns (personal, relative, expletive), determiners and
#: the contractions a tokenizer may leave whole ("we'll", "lemme").  A source made only of these is
#: either resolved to what it refers to or left without a speaker.
FUNCTION_WORDS_EN: frozenset[str] = frozenset(
    """
    i me my we us our you your he him his she her they them their it its itself one ones
    who whom whose which that this these those what whatever whoever there here
    all some any each both either neither none nobody somebody someone anyone everyone everybody
    i'm i'll i've i'd we'll we're we've we'd you'll you're you've you'd he'll he's he'd she'll she's
    she'd they'll they're they've they'd it's it'll that's there's who's lemme gimme gonna wanna
    let's let
    """.split()
) | frozenset(w.replace("'", "’") for w in "i'm i'll i've i'd we'll we're we've we'd you'll you're "
              "you've you'd he'll he's he'd she'll she's she'd they'll they're they've they'd it's "
              "it'll that's there's who's let's".split())
