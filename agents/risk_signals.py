"""Rules that spot high-stakes cases, each with the words that triggered it as evidence.

Every pattern is anchored on word boundaries so look-alikes do not fire ("issue" is not
"sue", "food court" is not a court). Evidence is the customer's own clause, which is what
an approver needs to judge the case; card and passport numbers are masked in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from agents.contracts import CaseInput, Entity, RiskEvidence, RiskSignal
from agents.patterns import any_of
from agents.sanitize import READ_LIMIT
from agents.spelling import respell

_DIED = (
    r"(?:mum|mom|mother|dad|father|wife|husband|partner|son|daughter|brother|sister|grand\w+"
    r"|friend|uncle|aunt) (?:has |had |just )?died"
)
# Things that "die" without anyone dying (a flat battery, a phone that gave up).
_DEVICES = "battery batteries phone car engine laptop charger app signal screen tablet radio torch"
_NOT_A_DEVICE = "".join(rf"(?<!{thing} )" for thing in _DEVICES.split())
_PRESS = (
    r"(?:journalists?|reporters?|newspapers?|editor|the (?:local |national )?papers?"
    r"|consumer desk|(?:evening|morning|daily|sunday|weekly) (?:post|news|times|herald|star"
    r"|mail|standard|echo|express)|gazette|herald|ledger|chronicle|tribune)"
)
_STORY = (
    r"(?:writ\w*|story|stories|article|column|piece|feature|readers|publish\w*|expos\w*"
    r"|use (?:my|our|this|the) (?:experience|story|case)"
    r"|informed|hear about|interested|run (?:this|it|a)|cover(?:ing)? (?:this|it|how|what|the way"
    r"|my|your)|contact\w*|tell(?:ing)?|call(?:ing)?|get in touch|speak\w*|talk\w*|sen[dt])"
)
_THINGS = (
    r"(?:house ?plants?|pot plants?|toasters?|rocks?|bricks?|brick wall|goldfish|potato(?:es)?"
    r"|sponges?|doorknobs?|door ?knobs?|planks?|cabbages?|chimps?|monkeys?|donkeys?|lamp ?posts?"
    r"|kettles?|fridges?|traffic cones?|parking meters?|(?:vending|slot) machines?|calculators?"
    r"|hamsters?|sloths?|snails?|tortoises?|moles?|bats?)"
)
_MEDICAL_DEVICE = (
    r"(?:oxygen(?: concentrator| tank| machine)?|concentrator|cpap(?: machine)?|ventilator"
    r"|insulin pump|pacemaker|nebuli[sz]er|feeding pump|dialysis machine|suction machine)"
)
# People an insult can be aimed at.
_PEOPLE = (
    r"(?:you|your|you're|ur|staff|team|people|agents?|crew|driver|courier|employees?|whoever"
    r"|department|rep|reps|manager|they|them)"
)
# Swear words with symbols for letters: f***, sh*t, @$$, b!tch, tw*t.
_MASKED = (
    r"(?:\bf[*#@$!%]{2,}\w*|\bf[*#@$!%]+k\w*|\bsh[*!@#$%1]t\w*|@\$\$\w*|\ba[*$@]{2}\w*|\bb[*!1]tch\w*"
    r"|\btw[*@]t\w*|\bc[*]nt\w*|\bd[*!1]ck\w*|\bpr[*!1]ck\w*|\bbast[*@]rd\w*)"
)
_PAYER = (
    r"(?:bank|banking app|bank app|card (?:co|company|issuer|provider)|credit card(?: company)?"
    r"|visa|amex|american express|mastercard|paypal|(?:visa|amex|card|bank) people)"
)
_MONEY_BACK = (
    r"(?:reverse\w*|claw\w*|pull (?:it|that|the (?:\w+ )?\w+) back|recover\w*"
    r"|take (?:it|the money) back"
    r"|get(?:ting)? (?:it|the \w+|my \w+|(?:the |my )?\$?[\d.,_]+)(?: sent| paid| returned)? back"
    r"|credited (?:it|the|\$|me)"
    r"|(?:money|fare|payment|charge) back|step in|under review|investigat\w*|dispute\w*"
    r"|let (?:them|it|my \w+) (?:sort|deal|handle)|froze|frozen|freez\w*"
    r"|(?:can|will|could|'ll|is going to|are going to) (?:sort|deal with|handle|take care of"
    r"|fix|chase) (?:this|it|that)\b"
    r"|look(?:ing)? into (?:this |the |that |my )?(?:payment|charge|transaction)"
    r"|(?:open|opened|start|started|raise|raised|file|filed)(?: up)? a (?:case|claim|dispute))"
)
_RULES: dict[RiskSignal, tuple[str, ...]] = {
    RiskSignal.LEGAL_THREAT: (
        r"lawyers?",
        # "I'm after ringing my brief and he says I've a case": a solicitor in British and
        # Irish slang (a brief delay or a brief look is no lawyer).
        r"(?:my|our|his|her|their) brief\b(?! (?:delay|wait|stop|period|moment|look|chat|call"
        r"|description|summary|visit|stay|time|while|spell|note|reply|message|email|outline))",
        r"(?:says|said|thinks|reckons|told me) (?:i|we)(?:'ve| have|'d| had)? (?:got )?a (?:good "
        r"|strong |solid |real )?(?:legal )?case\b",
        r"attorneys?",
        r"solicitors?",
        r"suing",
        r"lawsuit",
        r"ombudsman",
        r"(?:will|going to|gonna|'ll|can|could|to) sue",
        r"sue (?:you|juniper|your|them|the)",
        # A court to sue in, not a basketball court or a food court.
        r"(?:to|in|into|before|through the|see you in) court",
        r"court (?:case|action|claim|date|order|proceedings|papers|summons)",
        r"(?:county|district|civil|federal|claims|magistrates'?|high|supreme) court",
        r"small claims",
        r"legal action",
        r"letter before (?:claim|action)",
        # Insurance that pays for a lawsuit, and papers served rather than emailed.
        r"legal (?:expenses|costs?|protection) (?:cover|insurance|insurer|policy)",
        r"served (?:on|upon) (?:you|juniper|your company|the company)",
        r"serv(?:e|ed|ing) (?:you |juniper )?(?:with )?(?:papers|a summons|a claim)",
        r"(?:my|a|our) (?:legal )?representative",
        r"barristers?",
        r"paralegals?",
        r"open[- ]and[- ]shut",
        r"(?:a|the) judge",
        r"tribunal",
        r"(?:legal|court) proceedings",
        r"issue proceedings",
        r"class action",
        r"litigat\w*",
        r"letter before action",
        r"legal (?:team|department|adviser|advice|route|steps?)",
        r"trading standards",
        r"attorney general",
    ),
    RiskSignal.SAFETY: (
        r"injur\w*",
        # ... not praise ("the headphones have been fire").
        r"(?<!been )(?<!is )(?<!are )(?<!so )(?<!pure )(?<!straight )(?<!absolute )fire",
        r"smoke(?! (?:alarms?|detectors?))",
        r"smoking",
        # ... but not a drive that burns discs ("won't burn DVDs anymore").
        r"burn(?:s|t|ed|ing)?(?! (?:\w+ )?(?:discs?|dvds?|cds?|disks?|blu-?rays?|copies|music"
        r"|songs?|playlists?|isos?|toast|bread|popcorn|rice|pizza|cake|biscuits|cookies|dinner"
        r"|calories)\b)",
        r"unsafe",
        r"dangerous",
        r"allergic reaction",
        r"anaphyla\w*",
        r"electric(?:al)? shock",
        r"sparks?",
        r"explod\w*",
        r"overheat\w*",
        r"bleeding",
        r"hurt (?:me|my|him|her|us|them)\b(?! feelings)",
        r"choking",
        r"sparked",
        r"scorch(?:ed|es|ing (?:smell|mark))?",
        r"epi-?pens?",
        r"(?:had|have|having|suffered) (?:a |an )?(?:severe |bad )?(?:allergic )?reaction",
        r"rash",
        r"(?:leaked|leaking|spilled) (?:\w+ )?chemicals?",
        r"(?:insulin|medication|medicines?|meds|inhaler)\b[^.!?]{0,50}"
        r"\b(?:inside|in (?:it|the bag|my bag)|running out|run out|ran out|without)",
        r"running out of (?:my )?(?:insulin|medication|medicines?|meds)",
        r"(?:feel|feeling|felt|am|i'?m) (?:\w+ )?(?:faint|dizzy|light-?headed)",
        r"faint(?:ed|ing)",
        r"passed out",
        r"collapsed",
        r"can(?:'t|not) breathe",
        r"(?:trouble|difficulty) breathing",
        r"chest pains?",
        r"concussion",
        r"(?:hit|fell|landed|dropped) (?:on|onto)? ?(?:me|my|his|her|their) (?:head|face)",
        r"(?:hit|bump(?:ed)?|bang(?:ed)?|knock(?:ed)?|cut|hurt|injured) (?:his|her|their|my|its)"
        r" (?:head|face|eye|arm|leg|hand|wrist|back|neck)",
        r"(?:in|into) (?:his|her|their|my) mouth",
        r"swallow(?:ed|ing)? (?:a|the|it|one|some|part)",
        r"choking hazard",
        r"food poisoning",
        r"vomit\w*",
        r"scald\w*",
        r"blister\w*",
        r"electrocut\w*",
        r"ambulance",
        r"(?:a&e|emergency room|urgent care|first aid|medical attention)",
        r"seizures?",
        r"asthma attack",
        # "a lorry came round the bend and had to swerve to miss him"
        r"(?:nearly|almost|could have) (?:been |got |get )?(?:hit|run over|knocked (?:down|over)"
        r"|killed|crushed|electrocuted)",
        r"swerve\w* to (?:miss|avoid) (?:him|her|them|me|us|my)",
        # A medical device losing power: "my portable oxygen concentrator has about an hour
        # and a half of battery left", "the battery on his CPAP is nearly dead".
        rf"{_MEDICAL_DEVICE}\b[^.!?\n]{{0,80}}\b(?:battery|batteries|power|charge)\b[^.!?\n]{{0,40}}"
        r"\b(?:left|low|running (?:out|low)|run out|ran out|dying|dead|flat|die|out)\b",
        rf"(?:battery|batteries|power|charge)\b[^.!?\n]{{0,30}}\b(?:on|in|of|for) (?:my|his|her|the"
        rf"|their|our) (?:[\w']+ )?{_MEDICAL_DEVICE}\b[^.!?\n]{{0,40}}\b(?:low|running (?:out|low)"
        r"|run out|ran out|dying|dead|flat|die)\b",
    ),
    RiskSignal.VULNERABLE_CUSTOMER: (
        r"bereave\w*",
        r"funeral",
        r"passed away",
        _DIED,
        r"cancer",
        r"chemo\w*",
        r"terminally",
        r"terminal (?:illness|cancer|diagnosis|condition|prognosis)",
        r"suicid\w*",
        r"kill myself",
        r"end my life",
        # "can't afford this right now", not "can't afford to miss the flight" or "any hiccups".
        r"can(?:'t|not| not) afford(?! (?:to (?:miss|be late|lose (?:a |any |the |my )?(?:day"
        r"|time|minute|hour|seat|place|connection|slot)|wait|risk|get (?:this|it) wrong)"
        r"|(?:any|another|more|a single|a) (?:more )?(?:hiccups?|delays?|mistakes?|slip-?ups?"
        r"|problems?|issues?|surprises?|hitch(?:es)?|mix-?ups?|screw-?ups?|errors?)))",
        r"pregnan\w*",
        r"mental health",
        r"dementia",
        r"lost my job",
        # A serious illness named or being treated, and money trouble said plainly.
        r"leuka?emia",
        r"lymphoma",
        r"tumou?rs?",
        r"(?:kidney|liver|heart) failure",
        r"(?:motor neurone?|parkinson'?s) disease|multiple sclerosis",
        r"diagnosed with (?!a (?:broken|sprained|twisted|minor)\b)",
        r"(?:start|starting|begin|beginning|having|undergoing|in the middle of|course of)"
        r" (?:my |his |her |\w+ )?(?:treatment|radiotherapy|radiation therapy|dialysis"
        r"|immunotherapy|(?:kidney|liver|heart|lung|bone marrow) transplant)",
        r"(?:money|finances|cash)(?:'s| is| are| will be| has been| have been)(?: going to be)?"
        r" (?:\w+ )?tight",
        r"hospice",
        # A family told to come now, and the things people do after a death.
        r"(?:nurses?|doctors?|hospital|care home|ward)\b[^.!?\n]{0,80}\b(?:rang|called|phoned"
        r"|said|told)\b[^.!?\n]{0,60}\b(?:the family|(?:we|us|i) should come|come (?:now|soon"
        r"|this week|quickly)|say (?:our |my )?goodbyes?)",
        r"(?:end of (?:her|his|their) life|(?:her|his|their) last (?:days|weeks)"
        r"|say (?:our |my )?goodbyes?)",
        r"(?:after|since|for) (?:his|her|their) (?:service|memorial|wake|burial)",
        r"clear(?:ing|ed)? out (?:my |our )?(?:late )?\w+'s (?:flat|house|home|apartment|room"
        r"|things)",
        r"hospital(?:i[sz]ed)?",
        # ... but not a thing that died ("a gentleman whose battery had died").
        _NOT_A_DEVICE + r"(?:who|that|had|has) (?:just |recently )?died",
        r"died (?:before|last|on|in|suddenly|yesterday)",
        r"widow(?:ed|er)?",
        r"griev\w*",
        r"(?:i'?m|i am|she'?s|she is|he'?s|he is|keeps?|kept|been|can'?t stop|started) crying",
        r"in tears",
        r"terrified",
        r"(?:doesn'?t|does not|don'?t|do not|can'?t|cannot) speak"
        r" (?:any |much |a word of )?english",
        r"(?:called|rang|phoned) me (?:from [\w' ]{1,20} )?(?:crying|sobbing|in tears)",
        r"seriously ill",
        r"heart attack",
        r"(?:had|having|suffered) a stroke",
        r"since (?:my|her|his) stroke",
        r"alzheimer'?s",
        r"miscarr\w*",
        r"panic attacks?",
        r"depress(?:ed|ion)",
        r"can(?:'t|not) cope",
        r"(?:on|claiming) benefits",
        r"(?:rent|food) money",
        r"(?:barely|hardly|haven'?t|have not|not) (?:left|leaving|leave|been out of) (?:the |my )?"
        r"(?:house|home|flat)",
        r"(?:shak\w+|panic\w*|dread\w*) (?:at|just at) the (?:thought|idea) of",
        # Mental health said sideways: "my head hasn't been in a good place", "thinking
        # about a departure lounge makes my chest go tight and my hands shake".
        r"\b(?:i|i'm|i've|head|mind|mentally|he|she|he's|she's)\b[^.!?\n]{0,15}?"
        r"(?:not|n'?t) (?:been )?in a (?:good|great) place",
        r"makes? my (?:chest|heart|hands)\b[^.!?\n]{0,25}\b(?:tight|rac\w+|pound\w*|shak\w*)",
        # Bills against the trip: "it's come down to the electric bill or the trip".
        r"(?:come down to|choose|choosing|chose|pick|picking) (?:between )?(?:the |my |our )?"
        r"(?:electric(?:ity)?|gas|heating|rent|food|groceries|mortgage|bills?)(?: bill)?"
        r" (?:or|and) (?:the|my|our|this) (?:trip|flight|holiday|ticket|fare)",
        r"made redundant",
        # Grief and money trouble said sideways: "since we scattered his ashes", "the first
        # Christmas without her", "choosing which bill to pay", "money I didn't have".
        r"(?:scatter\w*|interr?\w*|collect\w*|bury\w*) (?:his|her|their|my \w+'s|the) ashes",
        r"first (?:christmas|birthday|anniversary|holiday|summer|easter|year|trip|flight)"
        r" without (?:him|her|them|my (?:husband|wife|partner|mum|mom|dad|son|daughter))",
        r"(?:choosing|choose|deciding|decide|picking|pick) which (?:bills?|one) to pay",
        r"(?:my|our|his|her) hours (?:were|got|have been|had been) cut",
        r"money (?:i|we) (?:didn'?t|don'?t|did not|do not) have",
        r"behind (?:on|with) (?:the |my |our )?(?:rent|bills?|mortgage|electric\w*|gas|heating)",
        r"food ?bank",
        # "I lost my husband in March": a death said as a loss in time, not a person mislaid
        # ("I lost my husband at the gate" stays quiet).
        r"lost (?:my|our|her|his) (?:husband|wife|partner|son|daughter|baby|child|mum|mom|mother"
        r"|dad|father|brother|sister|twin|fianc[eé]e?)\b,? (?:in (?:january|february|march|april"
        r"|may|june|july|august|september|october|november|december|the spring|the summer"
        r"|the autumn|the fall|the winter|20\d\d)|last (?:week|month|year|spring|summer|autumn"
        r"|winter)|this (?:year|spring|summer)|recently|suddenly|to (?:cancer|covid|a \w+"
        r"|suicide)|(?:\w+ )?(?:weeks|months|years) ago)\b",
        # The customer's own essential medicine lost or running out (guideline: safety, and
        # vulnerable when it is their own health at stake).
        r"my (?:insulin|medication|medicines?|meds|inhaler|epi-?pen)\b[^.!?]{0,50}"
        r"\b(?:inside|in (?:it|the bag|my bag)|running out|run out|ran out|lost|missing)",
    ),
    RiskSignal.CHARGEBACK: (
        r"charge ?back",
        r"disput(?:e|ed|ing) (?:the|this|it|my) (?:charge|payment|transaction)",
        r"(?:call|contact|tell|ask) my (?:bank|card (?:issuer|company))",
        r"reverse (?:the )?(?:charges?|payment)",
        # "dispute it with my bank", "disputed the $96.00 Juniper Market charge with my bank".
        r"disput(?:e|ed|ing)\b[^.!?\n]{0,40}? ?with (?:my |the |our |their |)"
        r"(?:bank|card|credit card|visa|mastercard|amex|paypal)",
        r"(?:bank|card (?:issuer|company|provider)) (?:to )?(?:reverse|pull|claw|recover)",
        r"claw(?:ing|ed)? (?:it|the money|the payment) back",
        r"section 75",
        r"charge (?:it|this|that|them|the (?:\w+ )?(?:payment|fare|amount|cost|money)) back",
        r"(?:get|have|make|ask|asking|getting|let) (?:my|the) (?:bank"
        r"|card (?:issuer|company|provider)|credit card|visa|amex|mastercard|paypal)"
        r"\b[^.!?\n]{0,30}\b(?:reverse|claw|charge it"
        r"|dispute|pull (?:it|the)|get (?:it|my money) back|take (?:it|the money) back)",
        r"(?:file|filed|filing|open|opened|opening|raise|raised|raising|start|started|lodged?)"
        r" (?:a |the )?(?:card |payment |bank |transaction )?dispute",
        # The bank or card company getting the money back, however it is said ("sent the
        # paperwork to my bank to get the fare back", "my card co can claw back the fee",
        # "I'll hand it to my Visa people and let them sort it out").
        rf"{_PAYER}\b(?:[^.!?\n]|\.(?=\d)){{0,80}}\b{_MONEY_BACK}",
        rf"(?:go|going|went|have to go) (?:through|to|via) (?:my|the) {_PAYER}",
        rf"(?:hand|pass|send|take|turn) (?:it|this|the \w+) (?:over )?to (?:my|the) {_PAYER}",
        rf"let (?:my|the) {_PAYER} (?:sort|deal|handle|take)",
        # "I already reported it to the card people as not received"
        rf"(?:reported|report|flagged|flag) (?:it|this|that|the \w+) to (?:my|the)"
        rf" {_PAYER}",
        rf"disput\w* (?:it|this|that|the \w+)\s+(?:on|with|through|via) (?:my|the)"
        rf" (?:card|{_PAYER})",
        r"['\"]?dispute (?:this|it)['\"]? (?:button|option|link)",
        # The bank's own dispute routes: its fraud team, or an "item not received" claim.
        r"(?:bank|card(?: issuer| company| provider)?|amex|visa|mastercard)'?s? fraud"
        r" (?:team|department|line|unit)",
        r"['\"]?(?:item|goods|order) not received['\"]?",
        # The bank's own notice, forwarded: "we have received your dispute", "Dispute received".
        r"(?:received|registered|opened|logged|raised) (?:your |a |the )?(?:card |payment )?"
        r"dispute\b",
        r"\bdispute (?:received|opened|registered|logged)\b",
        r"press(?:ing)? (?:the |that )?['\"]?dispute",
        r"card (?:issuer|provider)",
        r"(?:bank|card (?:issuer|company|provider)|amex|visa|mastercard|paypal)\b[^.!?\n]{0,40}"
        r"\b(?:investigat\w*|froze|frozen|freez\w*|hold on the payment|dispute\w*)",
        r"(?:froze|frozen|freez\w*|put a hold on|blocked) (?:the|my|that)"
        r" (?:payment|charge|transaction)",
    ),
    RiskSignal.PROMPT_INJECTION: (
        r"ignore (?:all |any )?(?:your|previous|prior|the above|earlier|these) (?:\w+ )?"
        r"(?:instructions|rules|polic(?:y|ies)|guidelines)",
        r"disregard (?:all |any )?(?:your|previous|prior|the above) \w+",
        r"you are now",
        r"system prompt",
        r"as an ai,? you must",
        r"developer mode",
        r"pretend (?:to be|you are)",
        r"role-?play",
        r"act as (?:a|an|my)\b",
        r"jailbreak",
        r"this is authori[sz]ed",
        r"new instructions",
        r"override (?:your|the) \w+",
        # A hidden comment, but not the ones mail programs write ("<!--[if gte mso 9]>").
        # (The trailing [\s\S] keeps ``bounded`` from anchoring the end to a word boundary.)
        r"<!--(?!\s*\[(?:if|endif)\b|\s*(?:start|end) ?fragment|\s*(?:signature|sig)\b)[\s\S]",
        r"\b(?:assistant|system|admin)\s*:",
        r"\[(?:system|assistant|admin)\]",
        r"(?:note|message|msg|instructions?) (?:to|for|4|2) (?:the |any |ur |your )?"
        r"(?:ai|assistant|bot|chat ?bot|model|llm)\b",
        # "p.s. for whoever's bot reads these first: ..."
        r"(?:to|for|4) (?:whoever'?s|the|any|your|ur) (?:ai |chat ?)?bots? (?:that |who )?"
        r"(?:reads?|reading|sees?|checks?|screens?)\b",
        r"[(](?:ai|assistant|bot|system)\s*:",
        r"\[(?:system|assistant|admin|ai)\b[^\]]{0,20}:",
        r"(?:admin|developer|agent|debug|override|god|staff|manager|supervisor|maintenance|sudo"
        r"|root|unrestricted) mode",
        r"mode (?:is )?(?:enabled|activated)",
        r"system override",
        r"you are (?:now )?(?:authori[sz]ed|permitted) to",
        r"you are allowed to (?:refund|approve|issue|override|ignore|waive|skip|bypass|add)",
        r"#{3,}",
        r"(?:reply|respond|answer) (?:only )?with (?:the words? )?['\"]",
        r"forget (?:all |your |previous |prior )+(?:instructions|rules)",
        r"(?:do not|don'?t) (?:flag|escalate) (?:this|it|the)",
        # Settings for the software: "For your automated handling, please load this updated
        # configuration", "require_review: false".
        r"(?:load|apply|use|install|import|update) (?:this|the following|these|my)"
        r" (?:updated |new )?(?:config\w*|settings|parameters|polic(?:y|ies) (?:update|file)"
        r"|rules? ?(?:set|file))",
        r"(?:for|to) (?:your|the) (?:automated|auto|ai|bot|system|machine) (?:handling|processing"
        r"|system|reader|agent|reply|replies)",
        r"(?:review|approval|verification|check)_?(?:required)?\s*[:=]\s*(?:false|no|off|0|none)",
        r"(?:polic(?:y|ies)|rules?|config)_(?:update|override)",
        # Claimed staff powers: "employee override code EMP-4410", "authorise with that code".
        r"override code",
        r"(?:employee|staff|supervisor|manager|admin\w*) (?:override |access |auth\w* )?"
        r"(?:code|pin)",
        r"authori[sz]e (?:it |this |that |the refund )?(?:with|using) (?:this|that|the|my) code",
        # "Ignore all previous instructions" in the languages customers most often write in.
        # (Read after ``respell``, which may have made "instrucciones" "instructions".)
        r"ignor\w* (?:(?:todas|todos|alle|toutes|tous|tutte|tutti|as|os|las|los|les|die|le|il"
        r"|vos|tus|tes|deine|ihre|vorherigen|anteriores|précédentes|precedenti|previe)\s+){1,3}"
        r"(?:\w+ )?(?:anweisungen|instrucciones|instructions|instruções|instrucoes|istruzioni"
        r"|consignes|regeln|reglas|règles|regole|rules)",
        r"auto-?approve",
        r"let'?s (?:play a game|pretend|role-?play|do a role-?play)",
        r"stay in character",
        r"(?:doesn'?t|does not|don'?t|do not|who never) (?:care about|follow)"
        r" (?:the |any |your )?rules",
    ),
    RiskSignal.ABUSE: (
        r"(?:you|your (?:\w+ )?(?:staff|team|agents?|people|company|employees)|you guys|ur)\b"
        r"[^.!?\n]{0,30}?\b(?:idiots?|morons?|stupid|useless|clowns?|liars?|thieves|crooks"
        r"|imbeciles?|scum|illiterate|incompetent|lazy)",
        r"(?:fuck|screw) (?:you|off)",
        # Masked swearing at people ("your check-in staff, a bunch of smirking f***wits",
        # "some @$$clown in your billing department"); at the weather it stays quiet.
        rf"{_PEOPLE}\b[^.!?\n]{{0,60}}{_MASKED}",
        rf"{_MASKED}[^.!?\n]{{0,40}}\b(?:in|at|from|on|of) (?:your|the) (?:\w+ ){{0,2}}"
        r"(?:department|team|staff|desk|office|call cent(?:re|er)|crew|airline|company)\b",
        # "your billing people couldn't count their own fingers"
        rf"{_PEOPLE}\b[^.!?\n]{{0,30}}\b(?:could(?:n'?t| not)|can(?:'?t|not)|unable to)"
        r" (?:count|spell|find|tie|read|organi[sz]e) (?:their|his|her|your) own (?:\w+ )?"
        r"(?:fingers|toes|names?|shoe ?laces|laces|feet|backsides?)",
        # "whoever keeps answering these texts is clearly too dim to find their own gate"
        # (a screen "too dim to read outdoors" is a fault, so a person must be the subject).
        r"(?:whoever\b[^.!?\n]{0,40}?|(?:your |the |that |those )?(?:\w+ )?(?:staff|team|agents?"
        r"|people|crew|courier|driver|employees?)|you guys|you lot|they|(?:wo)?man|guy|girl"
        r"|lady|bloke) (?:is|are|was|were|'re|'s|seems?|must be)(?: \w+)? (?:too|so)"
        r" (?:dim|thick|dense|dozy|dopey|gormless|brainless) to\b",
        r"you(?:'re| are)(?: \w+)? (?:too|so) (?:dim|thick|dense|dozy|dopey|gormless|brainless)"
        r" to\b",
        r"f\*+k? you",
        r"shut up",
        r"(?:agent|staff|rep|crew|driver|courier|employee|woman|man|guy|person|people)\b"
        r"[^.!?\n]{0,30}?\b(?:idiots?|morons?|imbeciles?|scum|clowns|cretins?)",
        r"morons?",
        r"imbeciles?",
        r"brain[- ]?dead",
        r"halfwits?",
        r"cretins?",
        r"bunch of (?:\w+ )?(?:clowns|idiots|muppets|amateurs|jokers|monkeys|morons|cowboys|losers"
        r"|crooks|thieves|liars|incompetents|fools|numpties)",
        r"(?:you|you're|ur|your \w+|the|those|these|what|such|complete|total|utter|absolute)"
        r" (?:\w+ )?(?:idiots?|muppets|numpties|dimwits?|nitwits?|buffoons?|fools)",
        r"idiots",
        r"clowns",
        r"geniuses",
        r"(?:baggage|code|call cent(?:re|er)|customer service|desk|ground|office|warehouse)"
        r" monkeys",
        r"(?:an? |you |you're |ur )(?:f\*+\w*|fucking|bloody|damn|total|complete|absolute)"
        r" (?:joke|idiot|disgrace|clown|moron|waste of space)",
        # Likening staff to things: "houseplants with more initiative than your team", "the
        # problem-solving skills of a damp sponge", "three goldfish sharing a login".
        rf"{_THINGS}\b[^.!?\n]{{0,40}}\bmore \w+(?: \w+)? than (?:with )?(?:your|the|you)\b",
        rf"more (?:\w+ ){{0,2}}(?:conversations?|sense|answers?|help|brains?) (?:\w+ ){{0,2}}"
        rf"(?:with|from|out of) (?:my |a |an |the )?{_THINGS}",
        rf"(?:skills|brains?|intelligence|iq|sense|manners|charm|empathy|competence"
        rf"|attention span|memory|powers?|eyesight|vision) of (?:a|an) (?:\w+ )?{_THINGS}",
        r"(?:and )?the brains? to match",
        rf"(?:\w+ )?{_THINGS} sharing (?:a|one)",
        r"(?:well done|nice (?:work|one)|good job|great job|bravo|congrat\w*),? (?:geniuses"
        r"|einsteins?|rocket scientists|sherlock|champs?)",
    ),
    RiskSignal.MEDIA_THREAT: (
        r"twitter",
        r"tweet\w*",
        r"tik ?tok",
        r"instagram",
        r"facebook",
        r"reddit",
        r"social media",
        r"the press",
        r"(?:go|going|went|run|running|straight|take (?:this|it)) to the (?:local |national )?"
        r"(?:papers?|tabloids?)",
        # A journalist or a paper with this story, not a journalist flying to a trade show.
        rf"{_PRESS}[^.!?\n]{{0,100}}\b{_STORY}",
        rf"{_STORY}[^.!?\n]{{0,100}}\b{_PRESS}",
        r"(?:on|to) the news",
        r"column\b[^.!?\n]{0,80}\b(?:use|run|feature|lead with|cover|write up)\b"
        r" (?:my|our|this|it|the (?:story|way|whole))",
        r"(?:her|his|their|the) lead (?:item|story)",
        # "This is going in Sunday's column either way."
        r"(?:going|go|goes|will go|put (?:it|this)) (?:straight |right |directly )?(?:in|into)"
        r" (?:[\w']+'s |the |my |her |his |our |this week's |next week's )?(?:column|newspaper"
        r"|magazine|feature|segment|podcast|newsletter|blog|vlog|piece|article|edition)\b",
        r"news (?:outlets?|channels?|stations?)",
        r"go(?:es|ing)? viral",
        r"the media",
        r"post (?:this|about)",
        r"(?:local|national|evening|tv) news",
        r"(?:national |on )(?:tv|television)",
        r"consumer[- ](?:rights? )?(?:watch|programme|program|show|affairs|column|segment|team)",
        r"(?:tv|radio|television) (?:programme|program|show|station|segment)",
        r"channel \d+",
        r"(?:next|an|the whole|a whole|entire) episode",
        r"watchdog",
        r"\d+k? followers",
        r"my followers",
        r"youtube",
        r"trustpilot",
        r"review sites?",
        r"(?:my|a|our) (?:\w+ ){0,2}(?:blog|vlog|podcast|channel|newsletter)",
        r"(?:film|filming|filmed) (?:a |the |my )?(?:review|video|everything|this|it)",
        r"(?:post|posting|share|sharing|upload|uploading) (?:the |this |it |my |a )?"
        r"(?:whole|entire|video|chat|thread|story|everything|online|screenshots?)",
        r"go(?:ing)? public",
        r"(?:on|to) (?:the |local |national )?radio",
        r"insta",
        r"linkedin",
        r"(?:go|going|went|gone|be) live",
        r"live ?stream\w*",
        r"stream(?:ing)? (?:this|it|live|everything)",
        r"(?:a |the )?thread on x",
        r"(?:post|posting|put|putting|share|sharing)\b[^.!?\n]{0,25}"
        r"\bon (?:x|ig|fb|threads|snapchat)",
        r"(?:went|gone) viral",
        r"everyone (?:can|will|gets? to|is going to) (?:see|watch|know|hear)",
        r"(?:1|one)[- ]star reviews?",
    ),
}
# Disability alone is an accessibility request, handled by that policy (labeling guideline,
# ambiguity 1); with distress, harm or a failure that leaves the person unable to manage, the
# customer is vulnerable and a specialist replies.
_DISABILITY = any_of(
    (
        r"disab(?:led|ility|ilities)",
        r"blind",
        r"deaf",
        r"wheelchair(?: user)?",
        r"partially sighted",
        r"(?:hard of hearing|visually impaired|mobility (?:issues|problems))",
        r"autis\w*",
        # Old age alone is not vulnerability ("I'm 79 and it made my day"); with distress it is.
        r"(?:she|he|mum|mom|dad|mother|father|i)(?: is|'s|'m| am) (?:7\d|8\d|9\d)\b",
    )
)
_DISTRESS = any_of(
    (
        r"scared",
        r"frightened",
        r"afraid",
        r"panick?\w*",
        r"distress\w*",
        r"upset",
        r"shaking",
        r"humiliat\w*",
        r"helpless",
        r"stranded",
        r"abandoned",
        r"left (?:alone|behind|stranded|sitting|waiting"
        r"|on (?:the|a) (?:plane|aircraft|jet ?bridge))",
        r"(?:nobody|no one|no-one|noone) (?:came|helped|showed|turned up|was there|is there|met)",
        r"(?:doesn'?t|does not|didn'?t|don'?t) know where to go",
        r"left (?:her|him|them|me) (?:at|by|in) (?:a|the)",
        r"(?:could ?n[o']t|can ?n[o']t|unable to)"
        r" (?:get (?:off|out|to|home)|move|find|cope|manage)",
        r"(?:wet|soiled) (?:himself|herself|myself)",
        r"(?:fell|fallen|injured|hurt)",
        r"flustered",
        r"(?:hasn'?t|has not|haven'?t|have not|won'?t|will not|can'?t|cannot) stop(?:ped)? crying",
        r"(?:blames?|blaming) (?:herself|himself|themselves|myself)",
        r"keeps? saying it was (?:her|his|their|my) fault",
    )
)
# An essential medicine the customer cannot reach: insulin "in there" when the bag did not
# come off the belt, or one pen "that might last till tomorrow" (guideline 7: safety).
_ESSENTIAL_MEDICINE = any_of(
    (
        r"insulin(?: pens?| pump)?",
        r"epi-?pens?",
        r"adrenaline (?:auto-?)?(?:injectors?|pens?)",
        r"inhalers?",
        r"(?:heart|seizure|epilepsy|blood pressure|prescription|prescribed|daily)"
        r" (?:medication|medicines?|meds|tablets|pills)",
        r"(?:my|his|her|their|our) (?:medication|medicines?|meds|tablets|pills)",
        r"blood thinners?",
        r"anti-?(?:seizure|epileptic|coagulants?)",
    )
)
_OUT_OF_REACH = any_of(
    (
        r"(?:bag|bags|suitcase|luggage|case|holdall|backpack)\b[^.!?\n]{0,60}\b(?:lost|missing"
        r"|delayed|mislaid|misplaced|(?:did ?n[o']t|has ?n[o']t|have ?n[o']t|never|not|still not)"
        r" (?:\w+ )?"
        r"(?:come|arrive|arrived|turn(?:ed)? up|show(?:n|ed)? up|make it|made it|appear(?:ed)?)"
        r"|went to \w+|(?:is|was) (?:still )?(?:in|at|on its way to) (?-i:[A-Z])\w+)",
        r"(?:lost|missing|delayed|mislaid|misplaced) (?:my |our |the |a |his |her )?(?:\w+ )?"
        r"(?:bag|bags|suitcase|luggage|case|holdall)",
        r"no (?:sign of )?(?:my |our |the )?(?:bag|bags|suitcase|luggage|case|holdall)",
        r"(?:one|1|two|2|a few|a couple of) (?:\w+ )?(?:pen|dose|tablet|pill|cartridge|vial)s?"
        r" left",
        r"(?:last|final|only (?:have |got )?(?:one|1|two|2|a few|a couple)) (?:\w+ )?(?:pen|dose"
        r"|tablet|pill|inhaler|cartridge|vial)s?",
        r"(?:might|will|should|won'?t|may|would|to) (?:only )?last (?:me )?(?:till|until|through"
        r"|the night|another|one more)",
    )
)
# A writer or broadcaster (who they are) and, anywhere in the message, a story about this.
_PRESS_ROLE = any_of(
    (
        r"columnist",
        r"i (?:write|edit|run|host|present|produce) (?:a|the|our) (?:\w+ ){0,2}(?:column"
        r"|section|page|segment|programme|program|show|supplement)",
        r"(?:i'?m|i am|as) (?:a|an|the) (?:\w+ ){0,2}(?:journalist|reporter|editor"
        r"|correspondent|critic|broadcaster|presenter)",
        r"(?:write|writing|work) for (?:the )?(?-i:[A-Z]\w+ (?:[A-Z]\w+ )?(?:Courier|Gazette"
        r"|Herald"
        r"|Times|Post|Echo|Express|Chronicle|Tribune|Mail|Star|Standard|Journal|Observer|Argus"
        r"|Advertiser|Record|Sentinel|Examiner|Independent|Telegraph|Guardian|News))",
    )
)
_STORY_ABOUT_THIS = any_of(
    (
        r"unless",
        r"(?:my|our|the) (?:readers|listeners|viewers|subscribers|audience)",
        r"name and shame",
        r"(?:this|it) (?:is|'s|will be) going (?:in|into|on|out|to)",
        r"publish\w*",
        r"in print",
        r"on (?:air|the radio)",
        r"write (?:this|it|you) up",
        r"write about (?:this|it|you|my experience|how|the way|what)",
        r"(?:cover|feature|run|use) (?:this|it|the story|my story|what happened)",
    )
)
# Someone at a law firm offering to write formally for the customer is a legal threat; a
# daughter writing on her mother's behalf is not, so both cues must be there.
_FORMAL_ON_BEHALF = any_of(
    (
        r"(?:write|writing|send|sending|letter|correspond\w*)\b[^.!?\n]{0,40}\bformal(?:ly)?"
        r"\b[^.!?\n]{0,40}\bon (?:my|our|his|her|their) behalf",
        r"formal(?:ly)?\b[^.!?\n]{0,20}\b(?:write|writing|letter)\b[^.!?\n]{0,30}\bon (?:my|our"
        r"|his|her|their) behalf",
    )
)
_LAW_FIRM = any_of((r"firm", r"practice", r"chambers", r"partner at"))
# Cue → (context anywhere in the message): the cue's clause is the evidence.
_TOGETHER: tuple[tuple[RiskSignal, re.Pattern[str], re.Pattern[str]], ...] = (
    # Disability alone is an accessibility request; with distress it is vulnerability.
    (RiskSignal.VULNERABLE_CUSTOMER, _DISABILITY, _DISTRESS),
    (RiskSignal.SAFETY, _ESSENTIAL_MEDICINE, _OUT_OF_REACH),
    (RiskSignal.MEDIA_THREAT, _PRESS_ROLE, _STORY_ABOUT_THIS),
    (RiskSignal.LEGAL_THREAT, _FORMAL_ON_BEHALF, _LAW_FIRM),
)


# A passport number in a text; the reply checker uses it too, so both agree on what one is.
PASSPORT_NUMBER = re.compile(
    r"\bpassport\b[^!?\n]{0,60}?\b(?=[A-Z0-9]*\d)([A-Z]{0,2}\d{6,9})\b(?!\s*(?:kg|days?))", re.I
)
# A password, PIN or one-time code typed into the message: never needed, never repeated.
_SECRET = re.compile(
    r"\b(?:password|passcode|pin|one[- ]time code|verification code|otp|security code)"
    r"(?: number)?\s*(?:is|was|:|=)\s*['\"]?((?=[^\s'\",]*\d)[^\s'\",]{3,40})",
    re.I,
)


# A clause that names the press or a blog to praise us ("I wrote a very happy review on my
# travel blog") threatens nothing.
_NOT_A_THREAT: dict[RiskSignal, re.Pattern[str]] = {
    # A court the customer works in or attends ("in court all day as an interpreter", "due
    # in court as a witness"), unless the same clause names a lawyer or legal action.
    RiskSignal.LEGAL_THREAT: re.compile(
        r"^(?!.*\b(?:lawyers?|solicitors?|attorneys?|sue|suing|legal|claim)\b).*\b(?:witness"
        r"|interpreter|jurors?|jury (?:duty|service)|in court all day|court (?:reporter|clerk"
        r"|usher))\b",
        re.I | re.S,
    ),
    # A quoted chat transcript ("> Juniper Assistant: your refund is issued within ...") is
    # history shown to support, unless the quoted line gives orders.
    RiskSignal.PROMPT_INJECTION: re.compile(
        r"^\s*>\s*(?:juniper )?(?:ai )?assistant\s*:(?!.*\b(?:ignore|override|disregard|approv"
        r"|authori[sz]|admin|grant|instruction|system|mode)).*$",
        re.I | re.S,
    ),
    RiskSignal.MEDIA_THREAT: re.compile(
        # "I write a small travel blog, mostly long weekends": who they are, not a threat.
        r"^(?!.*\b(?:about (?:this|it|you|the way)|post\w*|shar\w+|write (?:it |this )?up"
        r"|readers|followers|subscribers|story|hear|expos\w*)\b).*\bi"
        r" (?:write|run|have|keep|host|do|make|record|started) (?:a|my)"
        r" (?:small |little |personal |hobby )?(?:\w+ )?(?:blog|vlog|podcast|newsletter)"
        r"\b|\b(?:(?:very |really |so )?(?:happy|glowing|positive|lovely|great|good|nice|kind"
        r"|five[- ]star|5[- ]star|rave)\b (?:\w+ )?(?:review|post|write-?up|words|shout-?out"
        r"|mention)|(?:praised|recommended|raved about|gave (?:you|them) (?:five|5) stars))\b",
        re.I,
    ),
}


@lru_cache(maxsize=1)
def _compiled() -> dict[RiskSignal, re.Pattern[str]]:
    return {s: any_of(p) for s, p in _RULES.items()}


# "$219.00" is one amount, not the end of a sentence. Rules that stay inside a sentence
# ([^.!?]) read the text with such points as "_", which keeps every offset in place.
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def _amounts_whole(text: str) -> str:
    return _DECIMAL_POINT.sub("_", text)


def clause_around(text: str, start: int, end: int, limit: int = 140) -> str:
    """The sentence or clause that contains ``text[start:end]``, trimmed for display."""
    bounds = _amounts_whole(text)
    left = max(bounds.rfind(ch, 0, start) for ch in ".!?\n") + 1
    rights = [i for i in (bounds.find(ch, end) for ch in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    clause = " ".join(text[left:right].split())
    return clause if len(clause) <= limit else clause[: limit - 3].rstrip() + "..."


def _mask(text: str) -> str:
    """Hide passport numbers and long digit runs so evidence never carries PII."""
    for secret in (PASSPORT_NUMBER, _SECRET):
        text = secret.sub(lambda m: m.group(0).replace(m.group(1), "[redacted]"), text)
    return re.sub(r"\d(?:[ -]?\d){8,}", "[redacted]", text)


# An illness that is over ("I'm fully recovered and my doctor signed me off long ago"):
# a past hospital stay told as background is not a vulnerability today.
_ILLNESS = re.compile(
    r"\b(?:hospital\w*|pneumonia|illness|ill|surgery|operation|stroke|heart attack|covid"
    r"|broken (?:leg|arm|hip|ankle|wrist))\b",
    re.I,
)
_RECOVERED = re.compile(
    r"\b(?:(?:fully|completely|totally|all) (?:recovered|better|healed)|all clear"
    r"|signed (?:me|him|her) off|back to (?:full )?(?:health|normal|fighting fit)"
    r"|(?:long|well) (?:behind|over) (?:me|us|him|her|it))\b",
    re.I,
)


def _recovered_calmly(text: str) -> bool:
    return bool(_RECOVERED.search(text)) and not _DISTRESS.search(text)


def illness_over(sentence: str, text: str) -> bool:
    """``sentence`` tells of an illness (or its end) that ``text`` says is over, calmly."""
    about_illness = bool(_ILLNESS.search(sentence) or _RECOVERED.search(sentence))
    return about_illness and _recovered_calmly(text)


def _counted(signal: RiskSignal, text: str) -> Iterator[re.Match[str]]:
    """Matches of the signal's rules whose clause the signal's exemptions do not cover."""
    exempt = _NOT_A_THREAT.get(signal)
    for match in _compiled()[signal].finditer(text):
        if exempt is None or not exempt.search(clause_around(text, *match.span(), limit=400)):
            yield match


def _first_cue(signal: RiskSignal, text: str) -> re.Match[str] | None:
    """The first counted match of the signal's rules, or None.

    Vulnerability cues that are all an illness the customer says is over ("fully
    recovered, my doctor signed me off") do not count.
    """
    if signal is not RiskSignal.VULNERABLE_CUSTOMER:
        return next(_counted(signal, text), None)
    cues = list(_counted(signal, text))
    if cues and all(_ILLNESS.search(m.group(0)) for m in cues) and _recovered_calmly(text):
        return None
    return cues[0] if cues else None


def detect_risks(case: CaseInput, entities: list[Entity]) -> list[RiskEvidence]:
    """All risk signals in the case, at most one piece of evidence per signal."""
    text = f"{case.subject}\n{case.message}" if case.subject else case.message
    text = text[:READ_LIMIT]  # a longer message goes to a person unread (agents.risk)
    read = respell(text)  # "my solisiter" is read as "my solicitor"; evidence quotes the former
    words = _amounts_whole(read.text)
    found: dict[RiskSignal, str] = {}
    for signal in _compiled():
        match = _first_cue(signal, words)
        if match is not None:
            found[signal] = _mask(clause_around(text, *read.original_span(*match.span())))
    for signal, cue_rule, context_rule in _TOGETHER:
        if signal in found:
            continue
        cue = cue_rule.search(words)
        if cue and context_rule.search(words):
            found[signal] = _mask(clause_around(text, *read.original_span(*cue.span())))
    if case.customer.vulnerable and RiskSignal.VULNERABLE_CUSTOMER not in found:
        found[RiskSignal.VULNERABLE_CUSTOMER] = "Customer profile is flagged as needing extra care"
    cards = [e for e in entities if e.kind == "card_number"]
    passport = PASSPORT_NUMBER.search(text)
    if cards:
        found[RiskSignal.PII] = f"Card number ending {cards[0].value[-4:]} shared in the message"
    elif passport:
        found[RiskSignal.PII] = "Passport number shared in the message"
    elif _SECRET.search(text):
        found[RiskSignal.PII] = "Password or security code shared in the message"
    return [RiskEvidence(signal=s, evidence=e) for s, e in found.items()]
