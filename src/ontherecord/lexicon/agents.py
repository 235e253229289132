"""What can say something: the words that tell an agent (a person, a group, an organisation) or a
document from a thing that cannot speak.

A news page writes "the camera shows", "the lake said to be dying", "no one said", "a new report
says": the rules find a cue and a subject, but only some subjects are speakers.  The speaker
resolver (``resolve/agents.py``) refuses the rest, and the census of a store
(``store/census.py``) counts any that got through; both read these lists.
"""

from __future__ import annotations

#: Nouns naming a document, a poll or a study: a source of kind ``document``, never a person.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """
    report reports poll polls survey surveys study studies analysis analyses research data findings paper
    papers memo memorandum letter document documents filing filings review audit assessment estimate
    estimates forecast forecasts projection projections statement statements release communique communiqué
    transcript ruling verdict indictment complaint lawsuit affidavit testimony census index ranking rankings
    white-paper brief briefing note notes minutes guidance guidelines bulletin report's reference references
    ad ads advert advertisement commercial commercials spot spots clip clips video videos footage photo photos
    image images chart charts graph graphs map maps slide slides debate speech interview policy mailer flyer
    website site tweet tweets post posts blog account accounts book books memoir column editorial op-ed
    """.split()
)

#: Collective nouns for unnamed people ("officials", "residents", "a source"): a group or an unnamed
#: source, kept as the statement's source but out of the person index.
UNNAMED_NOUNS: frozenset[str] = frozenset(
    """
    official officials source sources people residents resident observers observer critics critic experts
    expert analysts analyst witnesses witness insiders insider investigators investigator authorities
    police officers officer employees employee staff staffers staffer workers worker members member
    supporters supporter opponents opponent protesters protester demonstrators activists activist voters
    voter respondents respondent participants participant users user customers customer fans fan parents
    parent students student teachers teacher doctors doctor nurses scientists scientist researchers
    researcher economists economist lawmakers lawmaker legislators politicians leaders leader diplomats
    diplomat spokesman spokeswoman spokesperson representatives representative aides aide advisers adviser
    advisors advisor executives executive managers manager owners owner farmers farmer locals neighbours
    neighbors neighbor neighbour friends friend relatives relative family families victims victim
    survivors survivor lawyers lawyer attorneys attorney prosecutors prosecutor judges judge commentators
    reporters reporter journalists journalist editors editor bloggers blogger readers reader viewers
    consumers americans europeans ukrainians russians citizens citizen many others some several most few
    person man woman men women guy boy girl kid kids children child someone somebody everyone everybody
    organizers organisers organizer organiser campaigners campaigner insurers retailers buyers sellers
    homeowners tenants landlords drivers passengers travellers travelers tourists visitors patients
    team teams crew crews panel coalition son sons daughter daughters wife husband mother father brother
    sister uncle aunt cousin widow widower mom dad captain pilot bowler player players coach ex announcer
    narrator questioner mogul billionaire millionaire host anchor caller side camp aide
    """.split()
)

#: Nouns of things that never speak (objects, places, body parts, weather, software): a source made
#: of these is no speaker.  Not exhaustive: the resolver also asks for evidence of an agent.
THING_NOUNS: frozenset[str] = frozenset(
    """
    camera cameras lake lakes river rivers sea ocean mountain mountains city town village street road
    building house home room car cars phone phones screen device devices app apps computer page
    picture pictures table sign signs
    movie film films song songs album show shows episode game games product products iphone
    ipad laptop tablet weather wind rain storm snow sun sky water fire smoke light eye eyes face hand
    hands heart voice body mind feet legs market markets price prices stock stocks number numbers
    figure figures rate rates line lines system systems code software
    iframe div span img width height src script style class href http https www com html
    guide gift gifts kitchen remodel recipe recipes dish dishes menu list lists headline headlines pay wallet
    """.split()
)

#: Negative quantifiers: "no one said", "nobody told", "neither he nor she" name no speaker.
NOBODY_WORDS: frozenset[str] = frozenset({"no", "nobody", "none", "neither", "nor", "nothing", "noone", "no-one"})

#: Ukrainian and Russian pronouns and function words: a source made only of these names nobody.
FUNCTION_WORDS_CYR: frozenset[str] = frozenset(
    """
    я мене мені ми нас нам ти тебе ви вас він його йому вона її їй воно вони їх їм хто що який яка яке які
    це той та те ті цей ця ці себе сам сама самі всі усі кожен ніхто дехто хтось
    меня мне мы нам вы он его ему она ее её ей оно они их им кто что который которая которое которые
    это тот та то те этот эта эти себя сам сама сами все каждый никто кто-то некоторые
    """.split()
)

#: Nouns that quantify the phrase after "of": the head of "a number of studies" is "studies".
QUANTITY_NOUNS: frozenset[str] = frozenset(
    "number lot lots couple series majority minority handful one two three four five some many most all none "
    "each several few dozen dozens hundreds thousands part half rest group".split()
)

#: Heads that name an organisation beyond the resolver's own list: outlets and publications.
OUTLET_NOUNS: frozenset[str] = frozenset(
    "magazine newspaper journal outlet channel network station broadcaster tabloid daily weekly website blog "
    "publisher studio label brand firm agency campaign".split()
)

#: Nouns of texts that say something beyond :data:`DOCUMENT_NOUNS` (read by the v4 resolver and the
#: census; v3 keeps its list): articles and biographies cited ("according to an article on …", "her
#: official bio"), and the legal and political texts news quotes ("the bill says", "the deal requires").
CITED_TEXT_NOUNS: frozenset[str] = frozenset(
    """
    article articles bio bio's biography profile entry obituary caption notice warning label text wording
    bill bills law laws measure measures proposal proposals plan plans deal deals agreement agreements order
    orders rule rules resolution resolutions legislation amendment amendments platform treaty constitution
    act budget manifesto charter contract contracts petition motion directive decree regulation regulations
    program programme stats statistics
    """.split()
)

#: Nouns for people beyond :data:`UNNAMED_NOUNS` (read by the v4 resolver; v3 keeps its list), for where
#: an ending cannot tell a person from a thing ("searchers" speak, "craters" do not).
MORE_PEOPLE_NOUNS: frozenset[str] = frozenset(
    """
    searcher searchers astronomer astronomers colleague colleagues deputy deputies agent agents scholar scholars
    historian historians media press public audience audiences crowd crowds community communities clinician
    clinicians physician physicians engineer engineers designer designers developer developers teenager
    teenagers adult adults shopper shoppers buyer seller surveyor surveyors
    """.split()
)
