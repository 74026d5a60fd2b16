"""The quotes layer's words: reporting verbs (cues), pronouns, person and message nouns, gendered words."""
from __future__ import annotations

# Reporting verbs, by lemma. Add a lemma here to make it a cue.
CUE_LEMMAS = frozenset("""
say tell add write claim call insist warn tweet state explain note argue ask answer reply respond
announce declare acknowledge admit agree allege assert charge complain concede confirm contend
counter cry deny describe emphasize emphasise exclaim fume joke lament maintain mention muse
observe predict promise quip recall remark repeat report reveal scoff scream shout sigh snap
speculate stress suggest testify urge vow whisper wonder yell boast brag caution chide conclude
demand dismiss mock post proclaim pledge recount reiterate retort rail blast slam tout praise
criticize criticise accuse assure gush hint opine plead reason sneer snarl summarize summarise
underscore interject inform instruct quote label dub term brand thunder grumble protest rant
rage concur recommend estimate email e-mail text message blog retweet chant read begin continue
conclude propose threaten apologize apologise recollect marvel lash mutter murmur exult crow
comment liken compare refer cite characterize characterise deem rate condemn laud decry denounce
lambaste lambast hail reply echo scold rebuke ridicule mock acknowledge emphasise insist put
""".split())
# Cues that only report speech when something is said with them (not "continue to grow").
WEAK_CUES = frozenset("""read begin continue estimate recommend propose threaten post text message
compare refer cite rate echo""".split())

PRONOUNS_PERSON = {"he": "m", "she": "f", "him": "m", "her": "f", "i": None, "we": None}
PRONOUNS_GROUP = {"they", "it", "we"}
RELATIVE = {"who", "that", "which", "whom"}

# Common nouns that describe a person ("the former vice president", "the spokesman").
PERSON_NOUNS = frozenset("""
president minister spokesman spokeswoman spokesperson official officer leader senator candidate
nominee governor mayor chief commander general secretary director chairman chairwoman chair
ambassador aide adviser advisor lawyer attorney analyst expert representative congressman
congresswoman lawmaker founder executive ceo head manager member father mother son daughter wife
husband businessman businesswoman billionaire mogul contender incumbent challenger speaker
democrat republican activist organizer strategist pollster economist professor researcher
reporter journalist anchor host moderator witness resident man woman premier king queen prince
judge prosecutor sheriff militant fighter colonel veteran surrogate operative campaigner
frontrunner front-runner runner-up hopeful rival opponent author writer critic supporter
""".split())
# Nouns for things that carry someone's words ("a statement on the group's feed").
MESSAGE_NOUNS = frozenset("""
statement tweet post message release letter report feed account campaign website site email
interview video memo note op-ed editorial communique announcement spokesman spokeswoman
""".split())

FEMALE = frozenset("""
hillary melania ivanka chelsea sarah elizabeth nancy michelle kellyanne carly jill debbie donna
huma hope katrina kayleigh maria mary patricia jennifer linda barbara susan jessica karen lisa
betty margaret sandra ashley kimberly emily laura amy angela anna rebecca kathleen amanda
stephanie carolyn christine marie janet catherine frances ann joyce diane alice julie heather
teresa doris gloria evelyn jean cheryl mildred katherine joan judith rose janice kelly nicole
judy christina kathy theresa beverly denise tammy irene jane lori rachel marilyn andrea kathryn
louise sara anne jacqueline wanda bonnie julia ruby lois tina phyllis norma paula diana annie
lillian emma grace martha megyn condoleezza madeleine dianne kirsten tammy kamala claire
maxine amina fatima aisha malala angela theresa marine golda indira benazir
""".split())
MALE = frozenset("""
donald bernie barack joe mike ted marco jeb john ben chris rand paul reince newt rudy bill tim
james robert michael william david richard joseph thomas charles daniel matthew anthony mark
steven george kenneth andrew edward brian kevin ronald timothy jason jeffrey ryan gary jacob
nicholas eric stephen jonathan larry justin scott frank brandon raymond gregory samuel patrick
jack dennis jerry alexander tyler henry douglas peter adam nathan zachary walter harold kyle
carl arthur gerald roger keith jeremy terry lawrence sean christian albert austin jesse ethan
billy bruce bryan ralph roy jordan eugene wayne louis alan juan harry vladimir xi ahmad ahmed
mohammad mohammed muhammad abdul ali omar hassan hussein amrullah bismillah ashraf hamid
mitch harry lindsey rick corey steve jim tom dan bob chuck lester howard sam
""".split())


NOT_SPEAKER_ENTS = frozenset("DATE TIME PERCENT CARDINAL MONEY QUANTITY ORDINAL GPE LOC".split())
