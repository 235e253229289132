"""English words the position features read (negation, modality, markers, stopwords)."""

from __future__ import annotations

from ..base import StanceWords

STANCE = StanceWords(
    negation=("not", "no", "never", "nor", "neither", "cannot", "won't", "don't", "doesn't", "didn't",
              "isn't", "aren't", "wasn't", "weren't", "shouldn't", "wouldn't", "can't", "haven't", "hasn't",
              "nothing", "none", "without", "refuse*", "refusing", "unwilling"),
    negation_phrases=("rule out", "rules out", "ruled out", "ruling out", "no plans to", "no intention",
                      "out of the question", "n t "),
    not_ruled_out=("not rule out", "n't rule out", "not ruling out", "not ruled out"),
    status_quo=("stay", "stays", "stayed", "staying", "remain", "remains", "remained", "unchanged", "the same",
                "intact", "as it is", "as they are", "in place"),
    strong=("will", "shall", "must", "definitely", "certainly", "committed", "determined", "guarantee*",
            "promise*", "absolutely", "firmly"),
    hedge=("may", "might", "could", "possibly", "perhaps", "consider*", "possible", "likely", "probably",
           "maybe", "open to", "explore*", "review*", "if", "unless", "conditions", "partly", "partial*"),
    change_markers=("u turn", "u-turn", "reversing", "reversed", "reversal", "reverses", "no longer", "changed his",
                    "changed her", "changed their", "changed its", "change of heart", "backtrack", "climbdown",
                    "climb down", "about face", "about-face", "in a shift", "softened", "hardened", "now says",
                    "had ruled out", "had previously", "previously said", "earlier said", "earlier insisted",
                    "had insisted", "had said", "departure from", "contrary to", "dropped its opposition",
                    "dropped his opposition", "dropped her opposition", "walked back", "backed down", "flip flop",
                    "reversing her earlier stance", "reversing his earlier stance"),
    constancy_markers=("has not changed", "hasn't changed", "have not changed", "no change", "not changed",
                       "reaffirmed", "reaffirms", "reaffirming", "reiterated", "reiterates", "reiterating",
                       "remains the same", "remain the same", "remains unchanged", "remain unchanged", "unchanged",
                       "repeated", "repeats", "again", "stands by", "stood by", "consistent", "still", "once more",
                       "as before", "maintained", "insisted again", "remain", "remains", "as planned", "as we said"),
    restrictors=("only", "but", "except", "exemption*", "gradually", "partly", "partial*", "around", "at least",
                 "up to", "provided", "unless", "if"),
    stopwords=frozenset("""a an the and or but if of to in on at by for from with as is are was were be been being
        it its this that these those there here we our us you your he him his she her they them their i me
        my will would shall should can could may might must do does did done have has had not no never
        so than then too very also just about into over under after before again more most such what which
        who whom whose when where why how all any both each few other some own same only nor said says
        say told tells according added stated year years now still while until since per""".split()),
    axes={
        "permit": {
            "+": ("allow*", "permit*", "legali*", "authori*", "lift*"),
            "-": ("ban", "bans", "banned", "banning", "prohibit*", "forbid*", "outlaw*", "block*",
                  "restrict*"),
        },
        "introduce": {
            "+": ("introduc*", "impose*", "launch*", "adopt*", "implement*", "create*", "build*", "keep*",
                  "retain*", "extend*", "continu*", "maintain*", "go ahead", "proceed*"),
            "-": ("scrap*", "abolish*", "drop*", "cancel*", "withdraw*", "axe", "axed", "abandon*",
                  "shelve*", "repeal*", "end", "ends", "ended", "ending", "halt*", "stop*", "suspend*",
                  "freeze*", "froze*", "terminat*", "delay*", "postpone*"),
        },
        "support": {
            "+": ("support*", "back", "backs", "backed", "backing", "endorse*", "welcome*", "favour*",
                  "favor*", "approve*", "accept*", "agree*", "praise*"),
            "-": ("oppose*", "opposition", "reject*", "against", "criticis*", "criticiz*", "condemn*",
                  "veto*", "disagree*", "object*", "protest*", "denounc*"),
        },
        "open": {
            "+": ("open*", "reopen*"),
            "-": ("close*", "closing", "shut*"),
        },
        "increase": {
            "+": ("increase*", "raise*", "raising", "rise*", "grow*", "expand*", "boost*", "more", "higher"),
            "-": ("cut", "cuts", "cutting", "reduc*", "decreas*", "lower*", "shrink*", "fewer", "less"),
        },
        "join": {
            "+": ("join*", "enter*", "sign*", "ratif*", "take part", "participat*"),
            "-": ("leave", "leaves", "leaving", "quit*", "exit*", "withdraw from", "veto*", "boycott*"),
        },
        "negotiate": {
            "+": ("negotiat*", "talk*", "dialogue", "meet*"),
            "-": ("refuse* to talk", "no talks"),
        },
    },
    times={
        "jan": ("january",),
        "feb": ("february",),
        "mar": ("march",),
        "apr": ("april",),
        "may": (),
        "jun": ("june",),
        "jul": ("july",),
        "aug": ("august",),
        "sep": ("september",),
        "oct": ("october",),
        "nov": ("november",),
        "dec": ("december",),
        "spring": ("spring",),
        "summer": ("summer",),
        "autumn": ("autumn", "fall"),
        "winter": ("winter",),
        "monday": ("monday",),
        "week": ("week", "weeks"),
        "month": ("month", "months"),
        "year": ("next year",),
    },
)
