"""Words with their place in the sentence: the one tokenizer of the model-free corpus features.

Capitals prove a name only where a word would not be capitalised anyway, so each word carries
whether it opens a sentence (or stands in a title-case headline); the features' entities and the
gazetteer's place names both read that flag.
"""

from __future__ import annotations

import re

#: scikit-learn's ``ENGLISH_STOP_WORDS`` (the Glasgow list), as a copy: importing scikit-learn
#: costs one to two seconds in every process that clusters or compares, for one word list
#: (``tests/test_features_version.py`` checks the copy equals the library's)
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone anything
    anyway anywhere are around as at back be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond bill both bottom but by call can
    cannot cant co con could couldnt cry de describe detail do done down due during each eg
    eight either eleven else elsewhere empty enough etc even ever every everyone everything
    everywhere except few fifteen fifty fill find fire first five for former formerly forty
    found four from front full further get give go had has hasnt have he hence her here
    hereafter hereby herein hereupon hers herself him himself his how however hundred i ie if in
    inc indeed interest into is it its itself keep last latter latterly least less ltd made many
    may me meanwhile might mill mine more moreover most mostly move much must my myself name
    namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere
    of off often on once one only onto or other others otherwise our ours ourselves out over own
    part per perhaps please put rather re same see seem seemed seeming seems serious several she
    should show side since sincere six sixty so some somehow someone something sometime
    sometimes somewhere still such system take ten than that the their them themselves then
    thence there thereafter thereby therefore therein thereupon these they thick thin third this
    those though three through throughout thru thus to together too top toward towards twelve
    twenty two un under until up upon us very via was we well were what whatever when whence
    whenever where whereafter whereas whereby wherein whereupon wherever whether which while
    whither who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

#: spaCy's Arabic stop words (``spacy.lang.ar.stop_words``), as a copy for the same reason, kept out
#: of story labels only (``Cluster.label``): an Arabic story was named "إن ..." ("indeed"), "... أي"
#: ("any"). Not out of the features: that would change what the clustering reads off Arabic text
#: (``tests/test_features_version.py`` checks the copy equals spaCy's)
ARABIC_STOP_WORDS = frozenset(
    """
    آل آه آها آي أبو أثناء أحد أصبح أضحى أف أقل أكثر ألا أم أما أمام أمسى أن أنا أنت أنتم أنتما
    أنتن أنه أنى أو أولئك أولاء أوه أي أين أينما أيها إذ إذا إذما إذن إلا إلى إلي إليك إليكم
    إليكما إليكن إما إن إنا إنما إنه إي إيه ابن اذا اصبح اضحى الا التي الحالي الذى الذي الذين
    اللائي اللاتي اللتان اللتي اللتيا اللتين اللذان اللذين اللواتي الى الي اليه اليها اليوم اما
    امسى ان انه انهم او اول اي ايضا بإن بات باللتي بتلك بحيث بخ بد بدلا بذلك بس بعد بعض بك بكم
    بكما بكن بل بلا بلى بما بماذا بمن بنا به بها بهذا بهذه بهم بهما بهن بي بيد بين بينما بيننا
    بينهم بينهن تحت تكون تلك تلكم تلكما ته تي تين تينك ثم ثمة جدا حاشا حبذا حتى حول حيث حيثما
    حين خلا دون ذا ذات ذاك ذان ذانك ذلك ذلكم ذلكما ذلكن ذه ذو ذوا ذواتا ذواتي ذي ذين ذينك ريث
    ستكون سوف سوى شتان صار ضد ضمن ظل عدا عسى عل على علي عليك عليه عليها عما عن عند عنه عنها غير
    فإذا فإن فاللتي فانه فقد فقط فكان فلا فمن فهو في فيم فيما فيه فيها فيهم قال قالت قبل قد كأن
    كأنما كأي كأين كان كانت كذا كذلك كل كلا كلاهما كلتا كلما كليكما كليهما كم كما كي كيت كيف
    كيفما لأن لئن لا لازال لاسيما لايزال لدى لدي لذا لذلك لست لستم لستما لستن لسن لسنا لسوف لعل
    لقد لك لكم لكما لكن لكنما لكنه لكي لكيلا لم لما لماذا لن لنا له لها لهذا لهم لهما لهن لو
    لولا لوما لي ليت ليس ليسا ليست ليستا ليسوا ما ماانفك مابرح ماذا مازال مافتئ مايزال متى مثل
    مثلا مذ مساء مع معه مما ممن من منذ منه منها مه مهما نحن نحو نعم هؤلاء ها هاتان هاته هاتي
    هاتين هاك هاهنا هذا هذان هذه هذي هذين هكذا هل هلا هم هما هن هنا هناك هنالك هو هي هيا هيت
    هيهات و وأبو وأثناء وأن وإذ وإذا وإن واذا والتي والذي والذين واللتي والى وان وايضا وبما وبين
    وبينما وبينهم وثي وسوف وعلى وفي وقبل وقد وكان وكانت وكذلك وكل ولا ولايزال ولذا ولسوف ولعل
    ولقد ولكن ولم ولما ولماذا وله ولهذا ولو وليس وليست وما وماذا ومع ومن ومنها وهذا وهل وهو وهي
    يا يكون يلي يمكن يوم
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_SENT_END = re.compile(r"[.!?:;\"“”]\s*$")


def sentence_words(text: str, word: re.Pattern[str], all_start: bool = False) -> list[tuple[str, bool, str]]:
    """(word, opens a sentence, text between it and the previous word) of each match of ``word``;
    ``all_start`` marks every word as an opener (a headline, where title case capitalises all)."""
    out: list[tuple[str, bool, str]] = []
    last = 0
    for m in word.finditer(text):
        gap = text[last : m.start()]
        out.append((m.group(), all_start or not out or bool(_SENT_END.search(gap)) or "\n" in gap, gap))
        last = m.end()
    return out
