"""The legal catalogue RETA starts with: elements the complaint form ticks, the laws, and
which Penal Code article applies to each element on which dates.

Plain data, loaded into the database by a data migration. From then on the catalogue is
maintained by an administrator: when a date or an article number here turns out to be
wrong, it is corrected in the database, not in code.
"""

from datetime import date

GROUPS = ("acts", "means", "purposes", "related", "aggravating")


def _element(group, code, label_es, label_en, help_es, help_en, derived=False):
    return {
        "group": group,
        "code": code,
        "label_es": label_es,
        "label_en": label_en,
        "help_es": help_es,
        "help_en": help_en,
        "derived": derived,
    }


# In the order of INTERFACES.md section 1; the form shows them in this order.
ELEMENTS = [
    # Acts (conductas)
    _element(
        "acts",
        "captacion",
        "Captación",
        "Recruitment",
        "Atraer o reclutar a la víctima, casi siempre con una oferta de trabajo o de estudios. "
        "Ej.: por Facebook le ofrecieron trabajo de mesera en Puerto Maldonado.",
        "Attracting or enlisting the victim, most often with a job or study offer. "
        "E.g.: on Facebook she was offered a waitress job in Puerto Maldonado.",
    ),
    _element(
        "acts",
        "transporte",
        "Transporte",
        "Transport",
        "Llevar a la víctima de un lugar a otro, dentro del país o hacia el extranjero. "
        "Ej.: la llevaron en bus de Cusco a la zona minera de La Pampa.",
        "Taking the victim from one place to another, within the country or abroad. "
        "E.g.: she was taken by bus from Cusco to the La Pampa mining area.",
    ),
    _element(
        "acts",
        "traslado",
        "Traslado",
        "Transfer",
        "Pasar a la víctima de unas manos a otras o de un lugar de explotación a otro. "
        "Ej.: el dueño del bar la entregó a otro local en Juliaca.",
        "Passing the victim from one person's control to another's, or from one place of "
        "exploitation to another. E.g.: the bar owner handed her over to another bar in Juliaca.",
    ),
    _element(
        "acts",
        "acogida",
        "Acogida",
        "Harbouring",
        "Alojar o esconder a la víctima, aunque sea por poco tiempo. "
        "Ej.: la hicieron dormir en un cuarto encima del bar.",
        "Lodging or hiding the victim, even for a short time. "
        "E.g.: she was made to sleep in a room above the bar.",
    ),
    _element(
        "acts",
        "recepcion",
        "Recepción",
        "Receipt",
        "Recibir a la víctima cuando llega al lugar de destino. "
        "Ej.: una mujer la esperó en el terminal terrestre y la llevó al local.",
        "Receiving the victim on arrival at the destination. "
        "E.g.: a woman waited for her at the bus terminal and took her to the bar.",
    ),
    _element(
        "acts",
        "retencion",
        "Retención",
        "Retention",
        "Impedir que la víctima se vaya: la encierran, la vigilan o le quitan sus documentos. "
        "Ej.: le quitaron el DNI y le dijeron que no podía irse hasta pagar su deuda.",
        "Preventing the victim from leaving: locking her in, watching her or taking her papers. "
        "E.g.: they took her ID card and told her she could not leave until she paid her debt.",
    ),
    # Means (medios)
    _element(
        "means",
        "violencia",
        "Violencia",
        "Violence",
        "Golpes u otra fuerza física contra la víctima. "
        "Ej.: la golpearon cuando quiso salir del local.",
        "Beatings or other physical force against the victim. "
        "E.g.: she was beaten when she tried to leave the bar.",
    ),
    _element(
        "means",
        "amenaza",
        "Amenaza",
        "Threat",
        "Anunciarle un daño a ella o a su familia para que obedezca. "
        "Ej.: le dijeron que si denunciaba le harían daño a su hijo.",
        "Announcing harm to the victim or her family so that she obeys. "
        "E.g.: she was told her son would be hurt if she went to the police.",
    ),
    _element(
        "means",
        "coaccion",
        "Otras formas de coacción",
        "Other coercion",
        "Obligarla con otra presión, como una deuda que nunca termina de pagar. "
        "Ej.: le dijeron que debía S/ 2000 por el pasaje y la comida.",
        "Forcing her by other pressure, such as a debt she can never pay off. "
        "E.g.: she was told she owed S/ 2000 for the fare and the food.",
    ),
    _element(
        "means",
        "privacion_libertad",
        "Privación de libertad",
        "Deprivation of liberty",
        "Encerrar a la víctima o impedirle moverse libremente. "
        "Ej.: la mantenían encerrada con llave en el campamento minero.",
        "Locking the victim up or stopping her from moving freely. "
        "E.g.: she was kept locked in at the mining camp.",
    ),
    _element(
        "means",
        "fraude",
        "Fraude",
        "Fraud",
        "Usar documentos, trámites o montajes falsos para conseguir que la víctima acepte. "
        "Ej.: le hicieron firmar un contrato de trabajo falso de una agencia inexistente.",
        "Using false papers, procedures or set-ups to get the victim to agree. "
        "E.g.: she signed a fake work contract from an agency that does not exist.",
    ),
    _element(
        "means",
        "engano",
        "Engaño",
        "Deception",
        "Mentirle sobre el trabajo, el pago o las condiciones; incluye la oferta de trabajo falsa. "
        "Ej.: le ofrecieron trabajo de mesera en Puerto Maldonado y la obligaron a prostituirse.",
        "Lying about the job, the pay or the conditions; a false job offer is deception. "
        "E.g.: she was offered a waitress job in Puerto Maldonado and forced into prostitution.",
    ),
    _element(
        "means",
        "abuso_poder",
        "Abuso de poder",
        "Abuse of power",
        "Aprovechar la autoridad que se tiene sobre la víctima (empleador, docente, autoridad). "
        "Ej.: su profesor la llevó a trabajar a un bar valiéndose de su autoridad.",
        "Taking advantage of authority over the victim (employer, teacher, official). "
        "E.g.: her teacher used his authority to take her to work in a bar.",
    ),
    _element(
        "means",
        "abuso_vulnerabilidad",
        "Abuso de situación de vulnerabilidad",
        "Abuse of a position of vulnerability",
        "Aprovechar la pobreza, la falta de documentos, el idioma o la soledad de la víctima. "
        "Ej.: sabían que no tenía dinero para volver a su comunidad y no hablaba castellano.",
        "Taking advantage of the victim's poverty, lack of papers, language or isolation. "
        "E.g.: they knew she had no money to go back to her village and spoke no Spanish.",
    ),
    _element(
        "means",
        "pagos_beneficios",
        "Pagos o beneficios",
        "Payments or benefits",
        "Dar o recibir dinero u otro beneficio para que quien tiene a su cargo a la víctima la "
        "entregue. Ej.: pagaron S/ 500 a sus padres para llevarla a trabajar a Lima.",
        "Giving or receiving money or another benefit so that whoever has charge of the victim "
        "hands her over. E.g.: her parents were paid S/ 500 to let her be taken to work in Lima.",
    ),
    # Purposes (fines de explotación)
    _element(
        "purposes",
        "explotacion_sexual",
        "Explotación sexual",
        "Sexual exploitation",
        "Obligar a la víctima a prostituirse o a otra actividad sexual en beneficio de otro. "
        "Ej.: la obligaban a atender clientes en un bar de La Pampa.",
        "Forcing the victim into prostitution or other sexual activity for someone else's "
        "benefit. E.g.: she was made to serve clients in a bar in La Pampa.",
    ),
    _element(
        "purposes",
        "explotacion_laboral",
        "Explotación laboral o trabajo forzoso",
        "Labour exploitation or forced labour",
        "Obligarla a trabajar o prestar servicios sin poder negarse ni irse. "
        "Ej.: trabajaba 14 horas diarias en un taller, sin sueldo y sin permiso para salir.",
        "Forcing her to work or provide services she cannot refuse or leave. "
        "E.g.: she worked 14 hours a day in a workshop, unpaid and not allowed out.",
    ),
    _element(
        "purposes",
        "servidumbre",
        "Servidumbre",
        "Servitude",
        "Obligarla a vivir y trabajar para otra persona sin poder cambiar su situación. "
        "Ej.: una trabajadora del hogar a la que no pagan porque le dicen que 'debe' su crianza.",
        "Forcing her to live and work for another person with no way to change her situation. "
        "E.g.: a domestic worker left unpaid because she is told she 'owes' her upbringing.",
    ),
    _element(
        "purposes",
        "esclavitud",
        "Esclavitud o prácticas análogas",
        "Slavery or similar practices",
        "Tratar a la víctima como si fuera propiedad de otro: la venden, la compran o disponen "
        "de ella. Ej.: la vendieron al dueño de un campamento minero.",
        "Treating the victim as someone's property: she is sold, bought or disposed of. "
        "E.g.: she was sold to the owner of a mining camp.",
    ),
    _element(
        "purposes",
        "mendicidad",
        "Mendicidad",
        "Forced begging",
        "Obligar a la víctima a pedir limosna para otro. "
        "Ej.: obligaban a niños a pedir dinero en los semáforos y les quitaban todo.",
        "Forcing the victim to beg for someone else. "
        "E.g.: children were made to beg at traffic lights and had all the money taken.",
    ),
    _element(
        "purposes",
        "venta_ninos",
        "Venta de niños",
        "Sale of children",
        "Entregar a un niño, niña o adolescente a cambio de dinero u otro beneficio. "
        "Ej.: ofrecieron al bebé a una pareja por S/ 3000.",
        "Handing over a child or teenager in exchange for money or another benefit. "
        "E.g.: the baby was offered to a couple for S/ 3000.",
    ),
    _element(
        "purposes",
        "extraccion_organos",
        "Extracción o tráfico de órganos o tejidos",
        "Extraction or trafficking of organs or tissues",
        "Sacar o comerciar órganos o tejidos de la víctima. "
        "Ej.: la llevaron a una clínica clandestina para sacarle un riñón.",
        "Removing or trading the victim's organs or tissues. "
        "E.g.: she was taken to a clandestine clinic to have a kidney removed.",
    ),
    # Related conducts (delitos afines)
    _element(
        "related",
        "favorecimiento_prostitucion",
        "Favorecimiento a la prostitución",
        "Favouring prostitution",
        "Promover o facilitar que otra persona se prostituya. "
        "Ej.: el dueño de un hostal llama a mujeres para que atiendan a sus huéspedes.",
        "Promoting or making it easier for another person to engage in prostitution. "
        "E.g.: a hostel owner calls in women to serve his guests.",
    ),
    _element(
        "related",
        "proxenetismo",
        "Proxenetismo",
        "Pimping",
        "Conseguir o entregar a una persona para que tenga relaciones sexuales con otra, por "
        "dinero. Ej.: un hombre consigue jóvenes para los clientes de un hotel.",
        "Procuring or handing over a person to have sex with another, for money. "
        "E.g.: a man procures young women for a hotel's clients.",
    ),
    _element(
        "related",
        "rufianismo",
        "Rufianismo",
        "Living off prostitution",
        "Vivir del dinero que gana otra persona que se prostituye. "
        "Ej.: su pareja le quita todo lo que gana en la calle.",
        "Living off the money another person earns from prostitution. "
        "E.g.: her partner takes everything she earns on the street.",
    ),
    _element(
        "related",
        "turismo_sexual_infantil",
        "Turismo sexual infantil",
        "Child sex tourism",
        "Promover u ofrecer viajes o estadías para tener sexo con menores de 18 años. "
        "Ej.: una agencia ofrece a turistas paseos con adolescentes en Iquitos.",
        "Promoting or offering trips or stays to have sex with children under 18. "
        "E.g.: an agency offers tourists outings with teenagers in Iquitos.",
    ),
    _element(
        "related",
        "pornografia_infantil",
        "Pornografía infantil",
        "Child pornography",
        "Producir, vender, difundir o guardar imágenes sexuales de menores de 18 años. "
        "Ej.: grababan a adolescentes y vendían los videos por internet.",
        "Producing, selling, sharing or keeping sexual images of children under 18. "
        "E.g.: teenagers were filmed and the videos sold online.",
    ),
    _element(
        "related",
        "trafico_migrantes",
        "Tráfico ilícito de migrantes",
        "Smuggling of migrants",
        "Cobrar por hacer entrar o salir a alguien del país de forma ilegal; el migrante decide "
        "viajar y queda libre al llegar. Ej.: cobraron USD 300 por cruzar a un grupo por un paso "
        "no autorizado en Tumbes.",
        "Charging to get someone into or out of the country illegally; the migrant chooses to "
        "travel and is free on arrival. E.g.: a group paid USD 300 to cross at an unofficial "
        "border point in Tumbes.",
    ),
    # Aggravating circumstances (agravantes). Which of them aggravate, and in which degree,
    # depends on the law of the day: see _AGGRAVATIONS below.
    _element(
        "aggravating",
        "agente_funcionario",
        "El agente es funcionario o servidor público y abusa de su función",
        "The offender is a public official abusing the office",
        "Quien cometió el hecho se valió de su cargo público. "
        "Ej.: un policía o un teniente gobernador participaba en la captación.",
        "The person who did it used their public office for it. "
        "E.g.: a police officer or a local governor took part in the recruitment.",
    ),
    _element(
        "aggravating",
        "agente_familiar",
        "El agente es familiar o responsable de la víctima, o vive en su hogar",
        "The offender is a relative or in charge of the victim, or lives in her home",
        "Cónyuge, conviviente, pariente hasta el cuarto grado de consanguinidad o segundo de "
        "afinidad, adoptante, tutor o curador; o quien la tiene a su cuidado por cualquier motivo "
        "o vive en el mismo hogar. Ej.: la tía que la crió la entregó al dueño de un bar.",
        "Spouse, partner, relative (up to cousins, or in-laws of the second degree), adoptive "
        "parent or guardian; or whoever has her in their care for any reason or lives in the "
        "same home. E.g.: the aunt who raised her handed her over to a bar owner.",
    ),
    _element(
        "aggravating",
        "agente_organizacion_criminal",
        "El agente integra una organización criminal",
        "The offender belongs to a criminal organization",
        "Tres o más personas que se reparten tareas de forma estable para cometer delitos. "
        "Ej.: uno capta en la sierra, otro transporta y otro administra el bar.",
        "Three or more people who share out the tasks on a lasting basis to commit crimes. "
        "E.g.: one recruits in the highlands, another transports, another runs the bar.",
    ),
    _element(
        "aggravating",
        "agente_organizacion_empresarial",
        "El agente usa una empresa u organización social o tutelar",
        "The offender uses a business, social or tutelary organization",
        "Quien la promueve, integra o representa (una agencia de empleos, una empresa de "
        "transportes, un albergue, una asociación) se vale de ella para el delito. Ej.: una "
        "agencia de empleos de Pucallpa publicaba avisos de trabajo y enviaba a las chicas a "
        "los bares de la mina.",
        "Whoever promotes, belongs to or represents it (an employment agency, a bus company, a "
        "shelter, an association) uses it for the crime. E.g.: an employment agency in Pucallpa "
        "posted job offers and sent the girls to the bars of the mining camp.",
    ),
    _element(
        "aggravating",
        "pluralidad_agentes",
        "Dos o más personas cometieron el hecho",
        "Committed by two or more persons",
        "Participaron dos o más personas, aunque no formen una organización. "
        "Ej.: dos hombres la recogieron en el terminal y la llevaron al campamento minero.",
        "Two or more people took part, even if they are not an organization. "
        "E.g.: two men picked her up at the bus terminal and took her to the mining camp.",
    ),
    _element(
        "aggravating",
        "pluralidad_victimas",
        "Pluralidad de víctimas",
        "Several victims",
        "Dos o más víctimas de los mismos hechos. Se calcula sola cuando registra dos o más "
        "víctimas; no se marca a mano. Ej.: encontraron a cinco adolescentes en el mismo "
        "local: registre a cada una.",
        "Two or more victims of the same facts. It is worked out when two or more victims are "
        "recorded; it is never ticked. E.g.: five teenagers were found in the same bar: record "
        "each of them.",
        derived=True,
    ),
    _element(
        "aggravating",
        "lesion_grave_o_muerte",
        "Muerte, lesión grave o peligro inminente para la vida de la víctima",
        "Death, grave injury or imminent danger to the victim's life",
        "La víctima murió, sufrió lesiones graves, o su vida y su seguridad corrieron peligro "
        "inminente. Ej.: quedó internada por los golpes; la hacían trabajar sin protección en "
        "los socavones de la mina.",
        "The victim died, was gravely injured, or her life and safety were put in imminent "
        "danger. E.g.: she was hospitalized after the beatings; she was made to work unprotected "
        "in the mine shafts.",
    ),
    _element(
        "aggravating",
        "victima_discapacidad",
        "Víctima con discapacidad o incapaz",
        "Victim with a disability, or legally incapable",
        "La víctima tiene una discapacidad física o mental, temporal o permanente, o es "
        "legalmente incapaz. También aparece sola si marca «tiene una discapacidad» en los datos "
        "de una víctima. Ej.: una joven con discapacidad intelectual llevada a trabajar a un bar.",
        "The victim has a physical or mental disability, temporary or permanent, or is legally "
        "incapable. It also appears by itself when “has a disability” is ticked for a victim. "
        "E.g.: a young woman with an intellectual disability taken to work in a bar.",
    ),
    _element(
        "aggravating",
        "victima_menor_14",
        "Víctima menor de 14 años",
        "Victim under 14",
        "Se calcula con la edad registrada de la víctima; no se marca a mano. "
        "Ej.: si registra una víctima de 13 años, aparece sola.",
        "Worked out from the victim's recorded age; it is never ticked. "
        "E.g.: when a 13-year-old victim is recorded, it appears by itself.",
        derived=True,
    ),
    _element(
        "aggravating",
        "victima_14_a_17",
        "Víctima de 14 a 17 años",
        "Victim aged 14 to 17",
        "Se calcula con la edad registrada de la víctima (14, 15, 16 o 17 años); no se marca a "
        "mano. Ej.: una chica de 16 años captada con una falsa oferta de trabajo.",
        "Worked out from the victim's recorded age (14, 15, 16 or 17); it is never ticked. "
        "E.g.: a 16-year-old girl recruited with a false job offer.",
        derived=True,
    ),
]

LAWS = [
    {
        "code": "dleg-635",
        "name": "Decreto Legislativo 635",
        "published": date(1991, 4, 8),
        "in_force_from": date(1991, 4, 9),
        "summary_es": "Código Penal de 1991. Su artículo 182 castigaba la trata como un delito "
        "contra la libertad sexual: solo con fines de prostitución.",
        "summary_en": "The 1991 Penal Code. Its article 182 punished trafficking as a crime "
        "against sexual freedom: for prostitution only.",
    },
    {
        "code": "ley-28251",
        "name": "Ley 28251",
        "published": date(2004, 6, 8),
        "in_force_from": date(2004, 6, 9),
        "summary_es": "Modificó el artículo 182: trata con fines de explotación sexual. La "
        "explotación laboral, la mendicidad y la extracción de órganos eran otros delitos.",
        "summary_en": "Amended article 182: trafficking for sexual exploitation. Labour "
        "exploitation, begging and organ removal were other crimes.",
    },
    {
        "code": "ley-28950",
        "name": "Ley 28950",
        "published": date(2007, 1, 16),
        "in_force_from": date(2007, 1, 17),
        "summary_es": "Ley contra la trata de personas y el tráfico ilícito de migrantes. Adoptó "
        "la definición del Protocolo de Palermo, con todos los fines de explotación: artículos "
        "153 (trata) y 153-A (formas agravadas); tráfico de migrantes en los artículos 303-A y "
        "303-B.",
        "summary_en": "Law against trafficking in persons and smuggling of migrants. It adopted "
        "the Palermo Protocol definition, with every purpose of exploitation: articles 153 "
        "(trafficking) and 153-A (aggravated forms); smuggling of migrants in articles 303-A and "
        "303-B.",
    },
    {
        "code": "ley-31146",
        "name": "Ley 31146",
        "published": date(2021, 3, 30),
        "in_force_from": date(2021, 3, 31),
        "summary_es": "Trasladó la trata a los delitos contra la dignidad humana: artículos 129-A "
        "(trata) y 129-B (formas agravadas).",
        "summary_en": "Moved trafficking to the crimes against human dignity: articles 129-A "
        "(trafficking) and 129-B (aggravated forms).",
    },
]

_ACTS_AND_MEANS = (
    "captacion",
    "transporte",
    "traslado",
    "acogida",
    "recepcion",
    "retencion",
    "violencia",
    "amenaza",
    "coaccion",
    "privacion_libertad",
    "fraude",
    "engano",
    "abuso_poder",
    "abuso_vulnerabilidad",
    "pagos_beneficios",
)
# Which circumstances aggravate, and in which degree (None: the law has a single
# aggravated form).
#
# Ley 28950 (art. 153-A) and Ley 31146 (art. 129-B) share the text: a first degree
# (12 to 20 years) and a second, heavier one (25 years or more). "Victim aged 14 to 17 or
# legally incapable" is first degree and "victim with a physical or mental disability"
# second; RETA has one code for both (victima_discapacidad) and keeps it in the second.
# Not loaded, for want of a code in INTERFACES.md: "the victim is pregnant", a first-degree
# circumstance of art. 129-B in the texts published after Ley 31146.
_TWO_DEGREES = {
    "agente_funcionario": 1,
    "agente_organizacion_empresarial": 1,
    "pluralidad_victimas": 1,
    "victima_14_a_17": 1,
    "agente_familiar": 1,
    "pluralidad_agentes": 1,
    "lesion_grave_o_muerte": 2,
    "victima_menor_14": 2,
    "victima_discapacidad": 2,
    "agente_organizacion_criminal": 2,
}
# Before 2007, art. 182 aggravated trafficking "si media alguna de las circunstancias
# agravantes enumeradas en el artículo anterior": those of art. 181 (proxenetismo), one
# degree. In the 1991 text: a victim under 18, the offender's spouse, relative or person in
# charge, a member of an organization or gang (violence, threat or abuse of authority were
# in the list too: means, here). Ley 28251 added a victim "deprived of discernment", read
# here as legally incapable. Doubtful where no official text was at hand: it is data, an
# administrator corrects it in the catalogue.
_ARTICLE_181_1991 = {
    "victima_menor_14": None,
    "victima_14_a_17": None,
    "agente_familiar": None,
    "agente_organizacion_criminal": None,
}
_ARTICLE_181_2004 = {**_ARTICLE_181_1991, "victima_discapacidad": None}
_PALERMO_PURPOSES = (
    "explotacion_sexual",
    "explotacion_laboral",
    "servidumbre",
    "esclavitud",
    "mendicidad",
    "venta_ninos",
    "extraccion_organos",
)

# The four trafficking regimes: (law, valid from, valid to inclusive, base article,
# aggravated article, purposes the law made trafficking, aggravations). Before Ley 28950
# only sexual exploitation was trafficking; the aggravations of Ley 28251 and of the 1991
# code were paragraphs of article 182 itself, so the aggravated article is 182 too.
_REGIMES = (
    (
        "dleg-635",
        date(1991, 4, 9),
        date(2004, 6, 8),
        "182",
        "182",
        ("explotacion_sexual",),
        _ARTICLE_181_1991,
    ),
    (
        "ley-28251",
        date(2004, 6, 9),
        date(2007, 1, 16),
        "182",
        "182",
        ("explotacion_sexual",),
        _ARTICLE_181_2004,
    ),
    (
        "ley-28950",
        date(2007, 1, 17),
        date(2021, 3, 30),
        "153",
        "153-A",
        _PALERMO_PURPOSES,
        _TWO_DEGREES,
    ),
    ("ley-31146", date(2021, 3, 31), None, "129-A", "129-B", _PALERMO_PURPOSES, _TWO_DEGREES),
)


def _row(element, article, law, valid_from, valid_to=None, degree=None):
    return {
        "element": element,
        "article": article,
        "law": law,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "degree": degree,
    }


_TRAFFICKING_ROWS = [
    _row(element, article, law, start, end, degree)
    for law, start, end, base, aggravated, purposes, aggravations in _REGIMES
    for element, article, degree in (
        [("trata", base, None), ("trata_agravada", aggravated, None)]
        + [(code, base, None) for code in _ACTS_AND_MEANS]
        + [(code, base, None) for code in purposes]
        + [(code, aggravated, degree) for code, degree in aggravations.items()]
    )
]

# Related conducts keep their own articles. Where no later change is recorded here the row
# stays open: it is for an administrator to close it when the article is renumbered.
_RELATED_ROWS = [
    _row("favorecimiento_prostitucion", "179", "dleg-635", date(1991, 4, 9)),
    _row("proxenetismo", "181", "dleg-635", date(1991, 4, 9)),
    _row("rufianismo", "180", "dleg-635", date(1991, 4, 9)),
    # Article 181-A did not exist in the 1991 text; Ley 28251 added it.
    _row("turismo_sexual_infantil", "181-A", "ley-28251", date(2004, 6, 9)),
    _row("pornografia_infantil", "183-A", "dleg-635", date(1991, 4, 9)),
    _row("trafico_migrantes", "303-A", "ley-28950", date(2007, 1, 17)),
]

# Which Penal Code article applies to which element, with dates of validity (valid_to
# inclusive, None = still in force).
ARTICLES = _TRAFFICKING_ROWS + _RELATED_ROWS
