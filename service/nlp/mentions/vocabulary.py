"""Words the mention rules read: role words before a person's name, chrome words, the head
words of group names, place words, and verbs of speech."""
from __future__ import annotations

from ..names import TITLES

ROLE_WORDS = TITLES | frozenset("""
spokesperson spokesman spokeswoman resident residents witness villager farmer teacher student
official officials analyst lawyer doctor nurse survivor activist engineer journalist reporter
photographer researcher professor economist director chairman chairwoman chair head leader
commander minister secretary governor mayor inspector superintendent constable councillor
councilor lawmaker legislator senator diplomat envoy ambassador coach manager founder owner
attorney prosecutor sheriff
""".split())
# Single words that head pages or posts but name nobody ("Flash", "Rescue", "Update").
CHROME_WORDS = frozenset("""
flash rescue update updates breaking live watch photo photos video videos exclusive read share
follow subscribe advertisement sponsored opinion analysis editorial comment comments related
latest home news menu search login sign newsletter podcast gallery
""".split())
# A caption's credit marker ("Mira Tollan Image: A. Photographer"): the word before its colon
# ends the caption's name, it is no part of it.
CREDIT_WORDS = frozenset("image images photo photos picture credit credits source".split())
# Heads of events' names: a games, a convention or a festival is an event, not an actor.
EVENT_HEADS = frozenset("""
games olympics olympiad championship championships tournament cup convention festival fest expo
carnival fair month week marathon awards prize
""".split())
# Nouns of events a place name can modify ("the 1999 Varna earthquake", "the Tesk bombing").
PLACE_EVENT_NOUNS = frozenset("""
earthquake quake floods flood tsunami eruption landslide bombing bombings attack attacks
massacre blast explosion disaster siege riots uprising offensive
""".split())
# Members and voices of a group: after an unknown "place" they make it a group ("M9 spokesman",
# "Harka fighters").
MEMBER_WORDS = frozenset("""
spokesman spokeswoman spokesperson leader leaders commander commanders fighters militants
rebels member members
""".split())
# Office words after which a one-word organization is a portfolio ("Interior Minister X").
OFFICE_WORDS = frozenset("minister secretary".split())
# Words of a portfolio or a department after "Minister of", "Head of" ("Minister of Foreign
# Affairs Ana Velaro", "Secretary of State"): part of the title, never of the name.
PORTFOLIO_WORDS = frozenset("""
state foreign home internal affairs interior defence defense justice finance treasury economy
economic trade commerce industry labour labor employment education health culture tourism
sport sports youth information communications communication media transport transportation
energy environment agriculture fisheries housing planning works public security immigration
development science technology research welfare social women family families veterans war
operations marketing sales policy human resources legal strategy staff and for of the
""".split())
# Lowercase words that belong inside a personal name ("Ludo van Aken", "Idris bin Tarek").
NAME_PARTICLES = frozenset("""
de da di del della dei der den des du la le van von ten ter bin ibn bint al el ben dos das y
""".split())
TIME_ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt cet cest bst ist eat wat cat "
                       "sast jst aest".split())
# Heads of organization names; a "place" ending in one of them is a group ("the Sundar Brigade").
GROUP_HEADS = frozenset("""
front movement army brigade brigades battalion militia militias forces force party council
committee group alliance coalition league federation organization organisation
association authority agency ministry commission police guard guards rebels network company
corporation bank institute foundation society ledger gazette herald tribune chronicle journal
senate congress parliament legislature assembly
""".split())
# Words after which a capitalised name is a place ("the village of Kelvani").
PLACE_OF = frozenset("village town city district province region county state "
                     "villages towns cities districts".split())
SPEECH_AFTER = frozenset("said says told added stated wrote argued noted explained".split())
CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april june july august september october november december""".split())
# Heads of buildings' names: a museum, a station or a stadium is a place (a facility), not an actor.
FACILITY_HEADS = frozenset("""
museum gallery galleries station stadium airport airfield hospital prison mosque church cathedral
temple base center centre arena
""".split())
