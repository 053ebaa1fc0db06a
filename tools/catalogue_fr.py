"""French renderings of the English research notes of ../shared/domain (used by build_catalogue.py).

Each entry maps the English text exactly as the domain reference writes it to a faithful French
rendering: nothing added, figures, dates, names and confidence wording kept (« déduit »,
« non trouvé », « confirmé »). The catalogue keeps the English original beside the French
(``*_source`` columns). When the domain reference changes a note, the build stops and lists the
notes that have no French yet: an outdated translation is never shipped.
"""

from __future__ import annotations

# Axis as reported → (French value, French research note). A value starting with "AX-" is the ref
# of the plan's axis: the axis title itself (axes.csv label_fr) is used, so the label users see is
# a title, and the caveat stays a separate note. An empty value means the axis is unknown.
AXIS = {
    "Transversal : sensibilisation de la société et formation des professionnels (paraphrase; official title unknown; likely axis 1, inferred)":
        ("AX-awareness", "paraphrase ; intitulé officiel inconnu ; probablement l'axe 1 (déduit)"),
    "Transversal : protection et accompagnement des victimes (paraphrase; official title unknown; likely axis 2, inferred)":
        ("AX-protection", "paraphrase ; intitulé officiel inconnu ; probablement l'axe 2 (déduit)"),
    "Exploitation sexuelle (theme confirmed; official title and number unknown)":
        ("AX-sexual", "thème confirmé ; intitulé officiel et numéro inconnus"),
    "Exploitation économique et par le travail (label from DREETS page; exact official title unknown)":
        ("AX-labour", "libellé repris de la page de la DREETS ; intitulé officiel exact inconnu"),
    "Contrainte à commettre des délits et mendicité forcée, in one axis (theme confirmed; official title and number unknown)":
        ("AX-criminality", "les deux formes dans un même axe ; thème confirmé ; intitulé officiel et numéro inconnus"),
    "unknown (likely knowledge/awareness axis, inferred)":
        ("", "axe inconnu ; probablement l'axe connaissance / sensibilisation (déduit)"),
    "unknown (awareness axis, inferred)": ("", "axe inconnu ; axe sensibilisation (déduit)"),
    "unknown (reported under communication actions)":
        ("", "axe inconnu ; rapportée parmi les actions de communication"),
    "unknown (awareness/governance)": ("", "axe inconnu ; sensibilisation / gouvernance"),
    "unknown (child-related)": ("", "axe inconnu ; concerne les enfants"),
    "not stated": ("", "axe non précisé"),
    "Protection and support of victims (cross-cutting axis; number inferred)":
        ("AX-protection", "axe transversal ; numéro déduit"),
    "Economic and labour exploitation, incl. domestic exploitation (axis assignment inferred)":
        ("AX-labour", "rattachement à l'axe déduit"),
    "Penal effectiveness / enforcement (objective of the plan; axis not identified)":
        ("", "efficacité de la réponse pénale / répression (objectif du plan ; axe non identifié)"),
    # older plans: the axis label is the title (French where known)
    "Informer et communiquer pour mieux prévenir le phénomène de la traite des êtres humains":
        ("Informer et communiquer pour mieux prévenir le phénomène de la traite des êtres humains", ""),
    "Define a victim-identification strategy (theme confirmed; exact French title unknown)":
        ("Définir une stratégie d'identification des victimes",
         "thème confirmé ; intitulé français exact inconnu (libellé traduit de l'anglais)"),
    "Protect and assist victims (theme confirmed; number inferred from list order)":
        ("Protéger et accompagner les victimes",
         "thème confirmé ; numéro déduit de l'ordre de la liste (libellé traduit de l'anglais)"),
    "Identifier et accompagner les victimes de la traite": ("Identifier et accompagner les victimes de la traite", ""),
}
# English value of an axis title known only in English (label_en of the older plans' axes).
AXIS_EN = {
    "Define a victim-identification strategy (theme confirmed; exact French title unknown)":
        "Define a victim-identification strategy",
    "Protect and assist victims (theme confirmed; number inferred from list order)": "Protect and assist victims",
}

# Deadline as reported → (the deadline as written, French research note). The value is what a
# deadline cell holds; a note that is not a deadline (« not found in plan ») leaves it empty.
DEADLINE = {
    "d'ici 2025": ("d'ici 2025", ""),
    "around Paris 2024 Olympic and Paralympic Games (campaign); website: not found":
        ("autour des Jeux olympiques et paralympiques de Paris 2024 (campagne)",
         "site internet : échéance non trouvée"),
    "yearly, 18 October": ("chaque année, le 18 octobre", ""),
    "not found in plan; calls opened 24 May 2024 (deadlines 28 Jun and 12 Jul 2024)":
        ("", "non trouvée dans le plan ; appels ouverts le 24 mai 2024 (dates limites 28 juin et 12 juillet 2024)"),
    "none stated (CNCDH 2019: plan has no timetable)":
        ("", "aucune échéance (CNCDH 2019 : le plan n'a pas de calendrier)"),
}

# Texts already French or neutral (names, years, codes): kept as they are.
SAME = {
    "MIPROF", "CNCDH", "GRETA", "CRC", "CEDAW", "OSCE", "MNIOP", "EPU / UPR", "2013", "2016", "2020-2024",
    "2023", "2024", "Action n°2 « Mener des actions de prévention ciblées »",
}

FR = {
    # ---------------------------------------------------------------- 2024-2027: axes
    "Described on a DREETS page (12 Nov 2025) as one of the cross-cutting axes. Measures likely here: F01 (inferred). Other measures: not found.":
        "Présenté sur une page de la DREETS (12 novembre 2025) comme l'un des axes transversaux. Mesure probablement rattachée : F01 (déduit). Autres mesures : non trouvées.",
    "Described on a DREETS page (12 Nov 2025) as one of the cross-cutting axes. Measures likely here: F05, F06 (inferred). Other measures: not found.":
        "Présenté sur une page de la DREETS (12 novembre 2025) comme l'un des axes transversaux. Mesures probablement rattachées : F05, F06 (déduit). Autres mesures : non trouvées.",
    "Listed on the DREETS page among thematic axes by purpose of trafficking. Measures: not found.":
        "Cité sur la page de la DREETS parmi les axes thématiques par finalité de la traite. Mesures : non trouvées.",
    "Explicitly named axis 4 on the DREETS page; the plan's foreword says labour exploitation includes domestic exploitation. Individual measures: not found.":
        "Nommé explicitement axe 4 sur la page de la DREETS ; la préface du plan indique que l'exploitation par le travail inclut l'exploitation domestique. Mesures de l'axe : non trouvées.",
    "The collective regrets that both forms are merged in one axis; the foreword stresses that they target children, often under « emprise chimique ». Measures: not found.":
        "Le collectif regrette que les deux formes soient réunies dans un seul axe ; la préface souligne qu'elles visent des enfants, souvent sous « emprise chimique ». Mesures : non trouvées.",
    # ---------------------------------------------------------------- 2024-2027: actors
    "Not named in plan (per collective); reported: MIPROF with ENM":
        "Non nommés dans le plan (selon le collectif) ; rapportés : MIPROF avec l'ENM",
    "Reported: MIPROF, with ministerial statistical services coordinated by SSMSI":
        "Rapportés : MIPROF, avec les services statistiques ministériels coordonnés par le SSMSI",
    "Reported: MIPROF; SDFE for the JOP kits; private relays Accor, ADP, Airbnb, Air France, JCDecaux, Gîtes de France, Volotea, Vinci Airports":
        "Rapportés : MIPROF ; SDFE pour les kits JOP ; relais privés Accor, ADP, Airbnb, Air France, JCDecaux, Gîtes de France, Volotea, Vinci Airports",
    "Reported: MIPROF, HCR, DGEF": "Rapportés : MIPROF, HCR, DGEF",
    "Reported: MIPROF with Airbnb and Gîtes de France": "Rapportés : MIPROF avec Airbnb et Gîtes de France",
    "Reported: MIPROF, co-organised with the bar (Conseil national des barreaux / Barreau de Paris)":
        "Rapportés : MIPROF, en coorganisation avec le barreau (Conseil national des barreaux / Barreau de Paris)",
    "Reported: AGRASC (Ministry of Justice) with MIPROF": "Rapportés : AGRASC (ministère de la Justice) avec MIPROF",
    "Reported: MIPROF, with DINUM then the DNUM of the social ministries (digital reporting pathway)":
        "Rapportés : MIPROF, avec la DINUM puis la DNUM des ministères sociaux (parcours de signalement numérique)",
    "Reported: DGCS": "Rapporté : DGCS",
    "not stated in source (SG-CIPDR, the interministerial crime-prevention secretariat, is a plausible lead — inferred, unverified)":
        "non précisé dans la source (le SG-CIPDR, secrétariat interministériel de prévention de la délinquance, est un pilote plausible — déduit, non vérifié)",
    "not stated (MIPROF reported it)": "non précisé (rapporté par la MIPROF)",
    "MIPROF; ALC (operator and coordinator of Ac.Sé)": "MIPROF ; ALC (opérateur et coordinateur d'Ac.Sé)",
    "MIPROF (per the question). Foreign ministry (MEAE, Protocol department) is the ministry questioned, and lead is inferred.":
        "MIPROF (selon la question). Le ministère des Affaires étrangères (MEAE, service du Protocole) est le ministère interrogé ; pilote déduit.",
    "Central offices of police and gendarmerie (OCRTEH, OCLTI — named offices inferred); MIPROF for coordination":
        "Offices centraux de police et de gendarmerie (OCRTEH, OCLTI — offices nommés par déduction) ; MIPROF pour la coordination",
    # ---------------------------------------------------------------- 2024-2027: evidence and status summaries
    "ENM–MIPROF multidisciplinary trainings presented as a plan measure: Paris (Tribunal judiciaire) 11 Jun 2024; Marseille announced for 28 Jun 2024 then reported for 4 Jul 2024; Bordeaux 29 Jan 2025 (announced). Whether the 2025 target was met: unknown.":
        "Formations pluridisciplinaires ENM–MIPROF présentées comme une mesure du plan : Paris (tribunal judiciaire) 11 juin 2024 ; Marseille annoncée pour le 28 juin 2024 puis signalée au 4 juillet 2024 ; Bordeaux 29 janvier 2025 (annoncée). Objectif 2025 atteint ou non : inconnu.",
    "First meeting with associations 30 Apr 2024; data call 3 Jul → 16 Sep 2024; association survey + administrative data presented 18 Oct 2024; from 2024 MIPROF takes over full piloting of the annual association survey; 2024 data presented 16 Oct 2025 (7,285 victims identified by associations, 4,823 individually supported by 44 organisations).":
        "Première réunion avec les associations le 30 avril 2024 ; collecte de données du 3 juillet au 16 septembre 2024 ; enquête associative et données administratives présentées le 18 octobre 2024 ; à partir de 2024, la MIPROF reprend le pilotage complet de l'enquête annuelle auprès des associations ; données 2024 présentées le 16 octobre 2025 (7 285 victimes identifiées par les associations, 4 823 accompagnées individuellement par 44 structures).",
    "JOP campaign (short film, social-media visuals, poster, FR/EN) described by MIPROF's SG as a plan measure; launched by June 2024 (launch date approximate). Dedicated website: no evidence found.":
        "Campagne JOP (court métrage, visuels pour les réseaux sociaux, affiche, FR/EN) présentée par la secrétaire générale de la MIPROF comme une mesure du plan ; lancée au plus tard en juin 2024 (date de lancement approximative). Site internet dédié : aucune trace trouvée.",
    "Reported at the 12 Dec 2024 follow-up committee (per collective). What was delivered: unknown.":
        "Rapportée au comité de suivi du 12 décembre 2024 (selon le collectif). Ce qui a été livré : inconnu.",
    "Airbnb–MIPROF agreement signed May 2024 (secondary press source); both agreements reported at the 12 Dec 2024 committee.":
        "Convention Airbnb–MIPROF signée en mai 2024 (source de presse secondaire) ; les deux conventions rapportées au comité du 12 décembre 2024.",
    "Events held 18 Oct 2024 and 16 Oct 2025. Involvement of territorial referents: not found.":
        "Événements tenus le 18 octobre 2024 et le 16 octobre 2025. Participation des référents territoriaux : non trouvée.",
    "AGRASC board selected association AFJ on 15 Mar 2025; keys of a flat confiscated in an aggravated-pimping case (Amiens court of appeal) handed over 16 Jun 2025 — the first confiscated dwelling allocated for victims.":
        "Le conseil d'administration de l'AGRASC a retenu l'association AFJ le 15 mars 2025 ; clés d'un appartement confisqué dans une affaire de proxénétisme aggravé (cour d'appel d'Amiens) remises le 16 juin 2025 — premier logement confisqué affecté aux victimes.",
    "First meeting Apr 2024; work continued Sep 2024; meeting announced for mid-Nov 2024 not held; Dec 2024: work on a reporting pathway for presumed victims; Dec 2025: collective still regrets it has not been created. The collective calls it the most urgent measure.":
        "Première réunion en avril 2024 ; travaux poursuivis en septembre 2024 ; réunion annoncée pour mi-novembre 2024 non tenue ; décembre 2024 : travaux sur un parcours de signalement des victimes présumées ; décembre 2025 : le collectif regrette toujours qu'il n'ait pas été créé. Le collectif la juge la mesure la plus urgente.",
    "Reported at the 12 Dec 2024 committee. On 24 May 2024 DGCS opened two calls of 3 million euros each (associations; local authorities) against sexual exploitation of minors (deadline 12 Jul 2024) and one call to select an association building a national network of reception places for child victims, 3-year funding (deadline 28 Jun 2024). Same calls officially framed under the 2 May 2024 prostitution strategy (double attribution).":
        "Rapportée au comité du 12 décembre 2024. Le 24 mai 2024, la DGCS a ouvert deux appels de 3 millions d'euros chacun (associations ; collectivités territoriales) contre l'exploitation sexuelle des mineurs (date limite 12 juillet 2024) et un appel pour choisir une association qui construit un réseau national de places d'accueil pour les enfants victimes, financement sur 3 ans (date limite 28 juin 2024). Les mêmes appels sont officiellement rattachés à la stratégie prostitution du 2 mai 2024 (double attribution).",
    "MIPROF's own post on the one-year follow-up committee (12 Dec 2024) lists this item among the measures reviewed. No detail on what was done.":
        "La publication de la MIPROF elle-même sur le comité de suivi à un an (12 décembre 2024) cite ce point parmi les mesures examinées. Aucun détail sur ce qui a été fait.",
    "Listed in MIPROF's summary of the 12 Dec 2024 committee as the issue of specialised accommodation, to keep a quota of places for these very vulnerable people. No figure or owner given. May overlap G03 (Ac.Sé) and known measure F05 (confiscated property) — overlap inferred.":
        "Cité dans le compte rendu de la MIPROF du comité du 12 décembre 2024 comme la question de l'hébergement spécialisé, pour préserver un quota de places pour ces personnes très vulnérables. Ni chiffre ni responsable indiqués. Recoupe peut-être G03 (Ac.Sé) et la mesure connue F05 (biens confisqués) — recoupement déduit.",
    "The collective's page on Ac.Sé has a section titled development prospects within the 3rd national plan, which refers to MIPROF; the rest of that section was not retrievable. A budget amendment II-3612, 'worked with MIPROF', asked for EUR 100,000 for Ac.Sé; whether it was adopted is not verified. Its bill number 1906 points to the 2026 finance bill, autumn 2025 (inferred; the domain brief says 2025). Context: on 18 Oct 2024 Ac.Sé reported 118 partners and 128 victims supported (FAS interview, not tied to the plan).":
        "La page du collectif sur Ac.Sé comporte une section intitulée perspectives de développement dans le cadre du 3e plan national, qui renvoie à la MIPROF ; la suite de cette section n'a pas pu être consultée. Un amendement budgétaire II-3612, « travaillé avec la MIPROF », demandait 100 000 euros pour Ac.Sé ; son adoption n'est pas vérifiée. Son numéro de projet de loi, 1906, renvoie au projet de loi de finances pour 2026, automne 2025 (déduit ; la note de référence du domaine indique 2025). Contexte : le 18 octobre 2024, Ac.Sé faisait état de 118 partenaires et de 128 victimes accompagnées (entretien FAS, sans lien avec le plan).",
    "Written question AN n°2255 (A. Lahmar, 17th legislature) states that MIPROF devoted a measure of its new national plan to trafficking in diplomatic households. CCEM: 5% of the 281 people it supported in 2022 said they had been exploited by diplomats. An earlier question, n°1128 (S. Regol, published 22 Oct 2024), followed an Oct 2024 Libération investigation. Government answers were not retrieved.":
        "La question écrite AN n°2255 (A. Lahmar, 17e législature) indique que la MIPROF a consacré une mesure de son nouveau plan national à la traite dans les foyers diplomatiques. CCEM : 5 % des 281 personnes qu'il a accompagnées en 2022 ont déclaré avoir été exploitées par des diplomates. Une question antérieure, n°1128 (S. Regol, publiée le 22 octobre 2024), faisait suite à une enquête de Libération d'octobre 2024. Les réponses du gouvernement n'ont pas été retrouvées.",
    "A third-party blog reproduces the foreword by R. Maracineanu. It says MIPROF wrote the plan so that the central police and gendarmerie offices, and investigators in the field, get stronger tools and operational capacity. It also mentions better coordination of ministries and support to associations (text truncated). Implementation evidence: none specific. OCRTEH/OCLTI presented the threat assessment at the Dec 2024 committee (already known).":
        "Un blog tiers reproduit la préface de R. Maracineanu. Elle indique que la MIPROF a conçu le plan pour que les offices centraux de police et de gendarmerie, et les enquêteurs de terrain, disposent d'outils et de capacités opérationnelles renforcés. Elle mentionne aussi une meilleure coordination des ministères et le soutien aux associations (texte tronqué). Preuve de mise en œuvre : aucune en particulier. L'OCRTEH et l'OCLTI ont présenté l'état de la menace au comité de décembre 2024 (déjà connu).",
    # ---------------------------------------------------------------- announcements and timeline
    "Comité de coordination first installed.": "Première installation du comité de coordination.",
    "Plan presentation still announced for 18 Oct 2023.": "Présentation du plan toujours annoncée pour le 18 octobre 2023.",
    "Minister Couillard tells associations the plan is postponed to end 2023.":
        "La ministre Couillard annonce aux associations que le plan est reporté à fin 2023.",
    "3rd plan 2024-2027 presented in Paris at the Musée national de l'histoire de l'immigration by B. Couillard, O. Dussopt and C. Caubel with R. Maracineanu; three victims testified.":
        "3e plan 2024-2027 présenté à Paris au Musée national de l'histoire de l'immigration par B. Couillard, O. Dussopt et C. Caubel avec R. Maracineanu ; trois victimes ont témoigné.",
    "First committee meeting under the 3rd plan announced for end of January 2024.":
        "Première réunion du comité au titre du 3e plan annoncée pour fin janvier 2024.",
    "Not held in January; re-announced for end of February 2024.":
        "Non tenue en janvier ; annoncée à nouveau pour fin février 2024.",
    "Rescheduled again: now set for 21 March 2024; the member list is to be published in the Journal officiel.":
        "Reportée à nouveau : désormais fixée au 21 mars 2024 ; la liste des membres doit être publiée au Journal officiel.",
    "First meeting of the committee's new mandate for the 3rd plan (~60 participants: institutions, associations, trade unions, CNCDH, Défenseur des droits).":
        "Première réunion du nouveau mandat du comité pour le 3e plan (environ 60 participants : institutions, associations, syndicats, CNCDH, Défenseur des droits).",
    "ENM–MIPROF training in Marseille announced for 28 Jun 2024.":
        "Formation ENM–MIPROF à Marseille annoncée pour le 28 juin 2024.",
    "ENM–MIPROF training in Marseille reported for 4 Jul 2024 (announced earlier for 28 Jun).":
        "Formation ENM–MIPROF à Marseille signalée au 4 juillet 2024 (annoncée auparavant pour le 28 juin).",
    "Follow-up group meeting planned for early July 2024.": "Réunion du groupe de suivi prévue début juillet 2024.",
    "The early-July 2024 follow-up group meeting is postponed to September 2024.":
        "La réunion du groupe de suivi prévue début juillet 2024 est reportée à septembre 2024.",
    "The follow-up meeting postponed to September 2024 is not rescheduled (no new date); reported on the collective's September 2024 page.":
        "La réunion de suivi reportée à septembre 2024 n'est pas reprogrammée (aucune nouvelle date) ; signalé sur la page de septembre 2024 du collectif.",
    "MNIOP meeting announced for mid-November 2024.": "Réunion du MNIOP annoncée pour mi-novembre 2024.",
    "The MNIOP meeting announced for mid-November 2024 did not take place; no new date known to the NGOs.":
        "La réunion du MNIOP annoncée pour mi-novembre 2024 n'a pas eu lieu ; aucune nouvelle date connue des associations.",
    "Coordination/follow-up committee: one-year review of the 60 measures; OCRTEH/OCLTI threat assessment.":
        "Comité de coordination et de suivi : bilan à un an des 60 mesures ; état de la menace par l'OCRTEH et l'OCLTI.",
    "The collective reports that MIPROF planned a meeting on transposing the 2024 anti-trafficking directive at the end of April 2025. Whether it took place: not found.":
        "Le collectif indique que la MIPROF prévoyait fin avril 2025 une réunion sur la transposition de la directive de 2024 contre la traite. Tenue ou non : non trouvé.",
    "Follow-up committee with Minister A. Bergé and SG R. Maracineanu; the collective presents its key points (incl. confidential exchanges with GRETA, associative freedom in a difficult funding context).":
        "Comité de suivi avec la ministre A. Bergé et la secrétaire générale R. Maracineanu ; le collectif présente ses points clés (dont des échanges confidentiels avec le GRETA et la liberté associative dans un contexte de financement difficile).",
    "Next coordination committee announced for early February 2026 (collective, Dec 2025).":
        "Prochain comité de coordination annoncé pour début février 2026 (collectif, décembre 2025).",
    "Creation of MIPROF decided at the interministerial committee on women's rights.":
        "Création de la MIPROF décidée lors du comité interministériel aux droits des femmes.",
    "Élisabeth Moiron-Braud becomes MIPROF Secretary-General (in post until mid-Sep 2022).":
        "Élisabeth Moiron-Braud devient secrétaire générale de la MIPROF (en poste jusqu'à mi-septembre 2022).",
    "Decree creates MIPROF.": "Un décret crée la MIPROF.",
    "1st national plan 2014-2016 adopted in Council of Ministers (23 measures, 3 priorities), presented by Najat Vallaud-Belkacem; CNCDH made national rapporteur (measure 23).":
        "1er plan national 2014-2016 adopté en Conseil des ministres (23 mesures, 3 priorités), présenté par Najat Vallaud-Belkacem ; la CNCDH devient rapporteur national (mesure 23).",
    "First CNCDH evaluation report on the 1st plan.": "Premier rapport d'évaluation de la CNCDH sur le 1er plan.",
    "Decree amendment creates MIPROF's comité de coordination, which must meet at least twice a year.":
        "Un décret modificatif crée le comité de coordination de la MIPROF, qui doit se réunir au moins deux fois par an.",
    "CNCDH evaluates the 1st plan measure by measure.": "La CNCDH évalue le 1er plan mesure par mesure.",
    "Draft of the 2nd plan shown to associations.": "Projet du 2e plan présenté aux associations.",
    "2nd plan 2019-2021 presented on the European Anti-Trafficking Day by Marlène Schiappa and Élisabeth Moiron-Braud (45 measures, 6 axes).":
        "2e plan 2019-2021 présenté lors de la Journée européenne de lutte contre la traite par Marlène Schiappa et Élisabeth Moiron-Braud (45 mesures, 6 axes).",
    "CNCDH opinion on the 2nd plan: no timetable, no budget; asks the coordination committee for an annual plan with deadlines, indicators and cost per measure, and a real national identification mechanism.":
        "Avis de la CNCDH sur le 2e plan : ni calendrier ni budget ; demande au comité de coordination un plan annuel avec échéances, indicateurs et coût par mesure, et un véritable mécanisme national d'identification.",
    "2nd plan expires.": "Fin du 2e plan.",
    "GRETA publishes its 3rd evaluation report on France (access to justice and remedies).":
        "Le GRETA publie son 3e rapport d'évaluation sur la France (accès à la justice et aux recours).",
    "MIPROF Secretary-General leaves; post vacant.": "Départ de la secrétaire générale de la MIPROF ; poste vacant.",
    "The collective writes to the Prime Minister (MIPROF SG post vacant).":
        "Le collectif écrit à la Première ministre (poste de secrétaire général de la MIPROF vacant).",
    "US TIP Report keeps France in Tier 1; criticises lack of an NRM, insufficient victim-assistance funding, prosecution of child victims of forced begging/criminality, Mayotte.":
        "Le rapport TIP des États-Unis maintient la France en catégorie 1 (Tier 1) ; il critique l'absence de mécanisme national d'orientation (NRM), l'insuffisance du financement de l'aide aux victimes, les poursuites contre des enfants victimes de mendicité ou de délinquance forcées, Mayotte.",
    "CNCDH evaluation of the 2nd plan: only 3 of 45 measures carried out (CNCDH's own announcement says 3 of 44).":
        "Évaluation du 2e plan par la CNCDH : seules 3 mesures sur 45 réalisées (l'annonce de la CNCDH elle-même dit 3 sur 44).",
    "Roxana Maracineanu takes office as MIPROF Secretary-General.":
        "Roxana Maracineanu prend ses fonctions de secrétaire générale de la MIPROF.",
    "Meeting of the minister, MIPROF, CNCDH and the collective on the coming plan.":
        "Réunion de la ministre, de la MIPROF, de la CNCDH et du collectif sur le futur plan.",
    "France's UPR (4th cycle) in Geneva; the US recommends a national action plan with timeframe, budget and indicators.":
        "EPU de la France (4e cycle) à Genève ; les États-Unis recommandent un plan d'action national assorti d'un calendrier, d'un budget et d'indicateurs.",
    "UN Committee on the Rights of the Child reviews France.": "Le Comité des droits de l'enfant de l'ONU examine la France.",
    "CRC concluding observations CRC/C/FRA/CO/6-7 adopted.":
        "Observations finales du Comité des droits de l'enfant CRC/C/FRA/CO/6-7 adoptées.",
    "About 12 preparatory workshops led by MIPROF before summer.":
        "Environ 12 ateliers préparatoires animés par la MIPROF avant l'été.",
    "Reshuffle: Isabelle Rome replaced by Bérangère Couillard.": "Remaniement : Bérangère Couillard remplace Isabelle Rome.",
    "UPR outcome adopted (355 recommendations, 274 supported); France commits to adopt a new national action plan.":
        "Adoption du résultat de l'EPU (355 recommandations, 274 acceptées) ; la France s'engage à adopter un nouveau plan d'action national.",
    "CNCDH press release on the delay of the plan, calling on France to keep its commitments.":
        "Communiqué de la CNCDH sur le retard du plan, appelant la France à tenir ses engagements.",
    "CEDAW reviews France's 9th report (delegation led by B. Couillard, including MIPROF).":
        "Le CEDAW examine le 9e rapport de la France (délégation conduite par B. Couillard, dont la MIPROF).",
    "European Day: association survey and administrative data presented; the plan is not released.":
        "Journée européenne : enquête associative et données administratives présentées ; le plan n'est pas publié.",
    "Plan against violence against children 2023-2027 presented (22 actions).":
        "Présentation du plan de lutte contre les violences faites aux enfants 2023-2027 (22 actions).",
    "New membership list of the comité de coordination published in the Journal officiel.":
        "Nouvelle liste des membres du comité de coordination publiée au Journal officiel.",
    "Koutcha says its national Satouk network of reception places for child trafficking victims has been supported by DGCS since 2024. This probably corresponds to the DGCS call for a national network of reception places.":
        "Koutcha indique que son réseau national Satouk de places d'accueil pour les enfants victimes de traite est soutenu par la DGCS depuis 2024. Cela correspond probablement à l'appel de la DGCS pour un réseau national de places d'accueil.",
    "Aurore Bergé takes the Equality portfolio (ministre déléguée, Attal government).":
        "Aurore Bergé prend le portefeuille de l'Égalité (ministre déléguée, gouvernement Attal).",
    "Ministerial order fixing the composition of MIPROF's orientation committee, whose members include the coordination committee that follows the plan. MIPROF has a permanent team of 9 staff.":
        "Arrêté fixant la composition du comité d'orientation de la MIPROF, dont les membres comprennent le comité de coordination qui suit le plan. La MIPROF compte une équipe permanente de 9 personnes.",
    "MIPROF signed a convention with the Gîtes de France network to prevent exploitation, notably sexual exploitation, during and after the 2024 Games (per AFP relaying a MIPROF press release).":
        "La MIPROF a signé une convention avec le réseau Gîtes de France pour prévenir l'exploitation, notamment sexuelle, pendant et après les Jeux de 2024 (selon l'AFP, relayant un communiqué de la MIPROF).",
    "Council of Europe / MIPROF round table in Paris on GRETA follow-up (NRM, legal aid, compensation, non-punishment, 3rd plan).":
        "Table ronde Conseil de l'Europe / MIPROF à Paris sur les suites du GRETA (mécanisme national d'orientation, aide juridique, indemnisation, non-sanction, 3e plan).",
    "CNCDH opinion on trafficking for forced criminality (30 recommendations).":
        "Avis de la CNCDH sur la traite aux fins de contrainte à commettre des délits (30 recommandations).",
    "First MNIOP working meeting.": "Première réunion de travail sur le MNIOP.",
    "First observatory/statistics meeting with associations.":
        "Première réunion observatoire / statistiques avec les associations.",
    "Airbnb–MIPROF agreement signed.": "Signature de la convention Airbnb–MIPROF.",
    "First national strategy against the prostitution system and sexual exploitation (25 measures).":
        "Première stratégie nationale de lutte contre le système prostitutionnel et l'exploitation sexuelle (25 mesures).",
    "Convention signed. It includes a 'Guide du voyageur responsable', MIPROF training of Airbnb support teams and host webinars, and an OCRTEH alert sheet ('fiche réflexe') for reporting sexual exploitation in rentals. Airbnb says the collaboration is part of the 2024-2027 plan.":
        "Convention signée. Elle comprend un « Guide du voyageur responsable », la formation par la MIPROF des équipes d'assistance d'Airbnb et des webinaires pour les hôtes, ainsi qu'une fiche réflexe de l'OCRTEH pour signaler l'exploitation sexuelle dans les locations. Airbnb indique que cette collaboration s'inscrit dans le plan 2024-2027.",
    "CNCDH opinion on forced criminality handed to members of parliament.":
        "Avis de la CNCDH sur la contrainte à commettre des délits remis aux parlementaires.",
    "DGCS opens three calls for projects: two of 3 million euros each (associations; local authorities) against sexual exploitation of minors, and one to select an association building a national network of reception places for child victims (3-year funding). Framed under the 2 May 2024 prostitution strategy.":
        "La DGCS ouvre trois appels à projets : deux de 3 millions d'euros chacun (associations ; collectivités territoriales) contre l'exploitation sexuelle des mineurs, et un pour choisir une association qui construit un réseau national de places d'accueil pour les enfants victimes (financement sur 3 ans). Rattachés à la stratégie prostitution du 2 mai 2024.",
    "Government anti-trafficking campaign for the Olympic and Paralympic Games launched.":
        "Lancement de la campagne gouvernementale contre la traite pour les Jeux olympiques et paralympiques.",
    "ENM–MIPROF multidisciplinary training, Paris (Tribunal judiciaire).":
        "Formation pluridisciplinaire ENM–MIPROF, Paris (tribunal judiciaire).",
    "EU Directive 2024/1712 amending the anti-trafficking directive 2011/36/UE.":
        "Directive européenne 2024/1712 modifiant la directive 2011/36/UE contre la traite.",
    "Due date for France's report to the Committee of the Parties on GRETA follow-up (submission not found).":
        "Date limite du rapport de la France au Comité des Parties sur les suites données au GRETA (remise non trouvée).",
    "Deadline of the DGCS call for a national network of reception places for child victims.":
        "Date limite de l'appel de la DGCS pour un réseau national de places d'accueil pour les enfants victimes.",
    "OSCE Special Representative meets associations.": "Le Représentant spécial de l'OSCE rencontre les associations.",
    "Observatory data collection launched (open until 16 Sep 2024).":
        "Lancement de la collecte de données de l'observatoire (ouverte jusqu'au 16 septembre 2024).",
    "Deadline of the two 3-million-euro DGCS calls against sexual exploitation of minors.":
        "Date limite des deux appels de la DGCS de 3 millions d'euros contre l'exploitation sexuelle des mineurs.",
    "Directive 2024/1712 enters into force.": "Entrée en vigueur de la directive 2024/1712.",
    "MNIOP work continues.": "Les travaux sur le MNIOP se poursuivent.",
    "Salima Saa becomes secrétaire d'État for Equality under Paul Christophe (Barnier government) — a downgrade of the portfolio.":
        "Salima Saa devient secrétaire d'État chargée de l'Égalité auprès de Paul Christophe (gouvernement Barnier) — un déclassement du portefeuille.",
    "SDSE (Justice) and SSMSI (Interior) published the state of play for 2024 from administrative data: 2,100 victims recorded in 2023 (+6%), 19% minors; 880 people convicted in 2022. Ultramarine figures were relayed by the press on 16 Oct 2024.":
        "Le SDSE (Justice) et le SSMSI (Intérieur) ont publié l'état des lieux 2024 à partir des données administratives : 2 100 victimes enregistrées en 2023 (+6 %), dont 19 % de mineurs ; 880 personnes condamnées en 2022. Les chiffres ultramarins ont été relayés par la presse le 16 octobre 2024.",
    "European Day event (MIPROF with the bar); association survey (2023 data) and administrative data presented.":
        "Événement de la Journée européenne (MIPROF avec le barreau) ; enquête associative (données 2023) et données administratives présentées.",
    "On the European Day, the Ac.Sé coordinator reported a network of 118 partners and 128 trafficking victims being supported.":
        "Lors de la Journée européenne, la coordination d'Ac.Sé a fait état d'un réseau de 118 partenaires et de 128 victimes de traite accompagnées.",
    "Written question to the foreign ministry after the Oct 2024 Libération investigation. It asks what protects domestic workers of diplomats and what new measures are envisaged. Answer not retrieved.":
        "Question écrite au ministère des Affaires étrangères à la suite de l'enquête de Libération d'octobre 2024. Elle demande ce qui protège les employés domestiques des diplomates et quelles nouvelles mesures sont envisagées. Réponse non retrouvée.",
    "Work on a digital reporting pathway for presumed victims (DINUM, then DNUM of the social ministries).":
        "Travaux sur un parcours numérique de signalement des victimes présumées (DINUM, puis DNUM des ministères sociaux).",
    "Observatory reported as piloted by MIPROF with ministerial statistical services coordinated by SSMSI.":
        "Observatoire présenté comme piloté par la MIPROF avec les services statistiques ministériels coordonnés par le SSMSI.",
    "Information kit for vulnerable foreign nationals (with HCR and DGEF) reported under communication actions.":
        "Kit d'information pour les ressortissants étrangers vulnérables (avec le HCR et la DGEF) présenté parmi les actions de communication.",
    "Agreements with Airbnb and Gîtes de France (fiches réflexes) reported under communication actions.":
        "Conventions avec Airbnb et Gîtes de France (fiches réflexes) présentées parmi les actions de communication.",
    "DGCS 3-million-euro call for projects over 3 years reported as a plan measure.":
        "Appel à projets de la DGCS de 3 millions d'euros sur 3 ans présenté comme une mesure du plan.",
    "MIPROF's post lists the measures reviewed on 12 Dec 2024. Beyond those already known, it lists awareness of crime-prevention actors (G01) and keeping a quota of specialised accommodation places (G02). The post is truncated after those items.":
        "La publication de la MIPROF énumère les mesures examinées le 12 décembre 2024. Outre celles déjà connues, elle cite la sensibilisation des acteurs de la prévention de la délinquance (G01) et le maintien d'un quota de places d'hébergement spécialisé (G02). La publication est tronquée après ces points.",
    "Aurore Bergé back at Equality (ministre déléguée auprès du Premier ministre, Bayrou government).":
        "Retour d'Aurore Bergé à l'Égalité (ministre déléguée auprès du Premier ministre, gouvernement Bayrou).",
    "Public mid-term implementation review promised in the plan; no publication seen as of Dec 2025.":
        "Bilan d'exécution public à mi-parcours promis dans le plan ; aucune publication constatée en décembre 2025.",
    "A relay site reports publication of MIPROF's activity report 2023-2024. It cites the launch of the 3rd plan (30 associations, 15 ministries) and the 2024 Olympics campaign shown in airports and French consulates abroad.":
        "Un site relais signale la publication du rapport d'activité 2023-2024 de la MIPROF. Il cite le lancement du 3e plan (30 associations, 15 ministères) et la campagne des Jeux olympiques de 2024 diffusée dans les aéroports et les consulats de France à l'étranger.",
    "ENM–MIPROF training, Bordeaux.": "Formation ENM–MIPROF, Bordeaux.",
    "AGRASC board selects association AFJ for a confiscated flat.":
        "Le conseil d'administration de l'AGRASC retient l'association AFJ pour un appartement confisqué.",
    "Cross-party bill n° 1387 « visant à renforcer la lutte contre la traite des êtres humains » registered at the Assemblée nationale.":
        "Proposition de loi transpartisane n° 1387 « visant à renforcer la lutte contre la traite des êtres humains » enregistrée à l'Assemblée nationale.",
    "CCEM sends written comments to GRETA on France's reply to the 4th-round questionnaire.":
        "Le CCEM adresse au GRETA des commentaires écrits sur la réponse de la France au questionnaire du 4e cycle.",
    "Keys of a confiscated flat (aggravated-pimping case, Amiens court of appeal) handed to AFJ — the first confiscated dwelling allocated for victims.":
        "Clés d'un appartement confisqué (affaire de proxénétisme aggravé, cour d'appel d'Amiens) remises à l'AFJ — premier logement confisqué affecté aux victimes.",
    "GRETA 4th-round evaluation visit to France (vulnerabilities and ICT); report not found.":
        "Visite d'évaluation du GRETA en France, 4e cycle (vulnérabilités et TIC) ; rapport non trouvé.",
    "Report on the criminal exploitation of children, with 75 recommendations. It calls for a national strategy and the non-punishment of child victims. Context for the forced-criminality axis.":
        "Rapport sur l'exploitation criminelle des enfants, avec 75 recommandations. Il appelle à une stratégie nationale et à la non-sanction des enfants victimes. Contexte pour l'axe contrainte à commettre des délits.",
    "CRC inquiry report on France (unaccompanied migrant children), CRC/C/FRA/IR/1.":
        "Rapport d'enquête du Comité des droits de l'enfant sur la France (enfants migrants non accompagnés), CRC/C/FRA/IR/1.",
    "MIPROF and Barreau de Paris day; 2024 data presented: 7,285 victims identified by associations, 4,823 individually supported by 44 organisations.":
        "Journée MIPROF et Barreau de Paris ; données 2024 présentées : 7 285 victimes identifiées par les associations, 4 823 accompagnées individuellement par 44 structures.",
    "The collective regrets that the MNIOP has still not been created.":
        "Le collectif regrette que le MNIOP ne soit toujours pas créé.",
    "Ecologist senators proposed a new budget programme 'Lutte contre la traite des êtres humains' of EUR 200,000 for the national identification/referral mechanism, 'to implement the 2024-2027 plan'. The committee asked for withdrawal; the final outcome was not retrieved.":
        "Des sénateurs écologistes ont proposé un nouveau programme budgétaire « Lutte contre la traite des êtres humains » de 200 000 euros pour le mécanisme national d'identification et d'orientation, « pour mettre en œuvre le plan 2024-2027 ». La commission a demandé le retrait ; l'issue finale n'a pas été retrouvée.",
    "The CNCDH (national rapporteur) announced its 2025 prize winners, on the theme of exploitation and trafficking of children. Hors la rue was a laureate and Koutcha received a special mention (per the collective).":
        "La CNCDH (rapporteur national) a annoncé les lauréats de son prix 2025, sur le thème de l'exploitation et de la traite des enfants. Hors la rue fait partie des lauréats et Koutcha a reçu une mention spéciale (selon le collectif).",
    "Deadline to transpose Directive 2024/1712.": "Date limite de transposition de la directive 2024/1712.",
    "The question states that MIPROF devoted a measure of its new national plan to trafficking in diplomatic households. It asks the government to act. Answer not retrieved.":
        "La question indique que la MIPROF a consacré une mesure de son nouveau plan national à la traite dans les foyers diplomatiques. Elle demande au gouvernement d'agir. Réponse non retrouvée.",
    "Amendment to the finance bill, described as worked with MIPROF, proposing targeted support of EUR 100,000 to the Ac.Sé safe-accommodation network. Outcome not verified.":
        "Amendement au projet de loi de finances, présenté comme travaillé avec la MIPROF, proposant un soutien ciblé de 100 000 euros au dispositif d'accueil sécurisant Ac.Sé. Issue non vérifiée.",
    # timeline subjects
    "DGCS support to the Satouk network (Koutcha)": "Soutien de la DGCS au réseau Satouk (Koutcha)",
    "MIPROF orientation committee composition": "Composition du comité d'orientation de la MIPROF",
    "MIPROF – Gîtes de France convention": "Convention MIPROF – Gîtes de France",
    "MIPROF – Airbnb convention": "Convention MIPROF – Airbnb",
    "Administrative statistics on trafficking (Infostat Justice n°198)":
        "Statistiques administratives sur la traite (Infostat Justice n°198)",
    "Ac.Sé activity figures": "Chiffres d'activité d'Ac.Sé",
    "QE n°1128 (S. Regol) on trafficking in diplomatic households":
        "QE n°1128 (S. Regol) sur la traite dans les foyers diplomatiques",
    "MIPROF summary of the one-year follow-up committee": "Compte rendu de la MIPROF du comité de suivi à un an",
    "MIPROF activity report 2023-2024": "Rapport d'activité 2023-2024 de la MIPROF",
    "MIPROF meeting on transposition of Directive 2024/1712": "Réunion MIPROF sur la transposition de la directive 2024/1712",
    "Senate amendment II-1154 (PLF 2026): EUR 200,000 programme for the MNIOP":
        "Amendement du Sénat II-1154 (PLF 2026) : programme de 200 000 euros pour le MNIOP",
    "CNCDH Human Rights Prize 2025 on child trafficking": "Prix des droits de l'homme 2025 de la CNCDH sur la traite des enfants",
    "UNICEF France report 'Victimes avant tout'": "Rapport de l'UNICEF France « Victimes avant tout »",
    "QE n°2255 (A. Lahmar) on diplomatic immunity and modern slavery":
        "QE n°2255 (A. Lahmar) sur l'immunité diplomatique et l'esclavage moderne",
    "AN amendment II-3612: EUR 100,000 for Ac.Sé": "Amendement AN II-3612 : 100 000 euros pour Ac.Sé",
    "US TIP Report": "Rapport TIP des États-Unis",
    # timeline dates written out that the generic month rendering does not cover
    "12 or 13 Oct 2023 (depending on source)": "12 ou 13 octobre 2023 (selon la source)",
    "18 Oct 2023 (date still announced after the July 2023 reshuffle)":
        "18 octobre 2023 (date toujours annoncée après le remaniement de juillet 2023)",
    "11 Dec 2023 (the collective's pages give 10 Dec 2023)": "11 décembre 2023 (les pages du collectif donnent le 10 décembre 2023)",
    "21 Mar 2024 (date given on the collective's Feb 2024 page)":
        "21 mars 2024 (date donnée sur la page de février 2024 du collectif)",
    "28 Jun 2024 (announced)": "28 juin 2024 (annoncée)",
    "4 Jul 2024 (reported)": "4 juillet 2024 (signalée)",
    "by 17 Jun 2024": "au plus tard le 17 juin 2024",
    "12 Dec 2024 (follow-up committee)": "12 décembre 2024 (comité de suivi)",
    "as of 31 Dec 2024": "au 31 décembre 2024",
    "mid-term (≈ end 2025)": "mi-parcours (≈ fin 2025)",
    "mid-May → June 2023": "mi-mai → juin 2023",
    "not retrieved (17th legislature; numbering suggests late 2024 — inferred)":
        "non retrouvée (17e législature ; la numérotation suggère fin 2024 — déduit)",
    "not retrieved (PLF 2026, bill n°1906 — autumn 2025, inferred)":
        "non retrouvée (PLF 2026, projet de loi n°1906 — automne 2025, déduit)",
    # ---------------------------------------------------------------- 2019-2021 and 2014-2016
    "rating from the CNCDH table of contents; Action n°1 « Mobiliser la société »":
        "évaluation tirée de la table des matières de la CNCDH ; action n°1 « Mobiliser la société »",
    "never created per CNCDH rating; website announced again in the 2024-2027 plan":
        "jamais créé selon l'évaluation de la CNCDH ; site internet annoncé à nouveau dans le plan 2024-2027",
    "the 2024-2027 plan instead institutionalises the 18 Oct European Day with a recurring event":
        "le plan 2024-2027 institutionnalise à la place la Journée européenne du 18 octobre par un événement récurrent",
    "source text cut after « Sensibiliser les populations mig… »; rating unknown; the 2024 plan has a related HCR/DGEF information kit for vulnerable foreigners (F03a; link not confirmed)":
        "texte source coupé après « Sensibiliser les populations mig… » ; évaluation inconnue ; le plan 2024 comporte un kit d'information apparenté HCR/DGEF pour les étrangers vulnérables (F03a ; lien non confirmé)",
    "axis is 1 or 2 (numbering is sequential: M7 in axis 1, M16 in axis 2)":
        "axe 1 ou 2 (numérotation continue : M7 dans l'axe 1, M16 dans l'axe 2)",
    "CNCDH 2023 summary: no real national identification/referral mechanism set up; US TIP 2020: no NRM; per-measure rating unknown":
        "synthèse CNCDH 2023 : aucun véritable mécanisme national d'identification et d'orientation mis en place ; rapport TIP américain 2020 : pas de mécanisme national d'orientation (NRM) ; évaluation de la mesure inconnue",
    "number may refer to an Action group rather than measure 17; linked to the delinquency-prevention strategy 2020-2024, action 13.1":
        "le numéro peut désigner un groupe d'actions plutôt que la mesure 17 ; liée à la stratégie de prévention de la délinquance 2020-2024, action 13.1",
    "axis 2 inferred from sequential numbering (M16 and M19 in axis 2)":
        "axe 2 déduit de la numérotation continue (M16 et M19 dans l'axe 2)",
    "axis is 2 or 3 (M19 in axis 2, M25 in protection axis)": "axe 2 ou 3 (M19 dans l'axe 2, M25 dans l'axe protection)",
    "press headline says CNCDH judged minors' protection measures « partiellement réalisées » (not confirmed per measure); split between M25/M26 inferred":
        "un titre de presse indique que la CNCDH a jugé les mesures de protection des mineurs « partiellement réalisées » (non confirmé mesure par mesure) ; répartition entre M25 et M26 déduite",
    "a secure centre exists (Koutcha, 6 places, PJJ/ASE); press headline: minors' protection measures « partiellement réalisées » (not confirmed per measure)":
        "un centre sécurisé existe (Koutcha, 6 places, PJJ/ASE) ; titre de presse : mesures de protection des mineurs « partiellement réalisées » (non confirmé mesure par mesure)",
    "axis 3, 4, 5 or 6 (not found)": "axe 3, 4, 5 ou 6 (non trouvé)",
    "evaluated by CNCDH 6 Jul 2017 (section « Aller au devant des victimes »); no rating label found":
        "évaluée par la CNCDH le 6 juillet 2017 (section « Aller au devant des victimes ») ; aucune appréciation trouvée",
    "evaluated by CNCDH 2017; training theme recurs in 2019-2021 axis 2 and in the 2024 plan":
        "évaluée par la CNCDH en 2017 ; le thème de la formation revient dans l'axe 2 du plan 2019-2021 et dans le plan 2024",
    "evaluated by CNCDH 2017": "évaluée par la CNCDH en 2017",
    "evaluated by CNCDH 2017; the plan also announced 50 'cultural mediator' posts for at-risk groups (measure link not confirmed)":
        "évaluée par la CNCDH en 2017 ; le plan annonçait aussi 50 postes de « médiateurs culturels » pour les publics à risque (lien avec la mesure non confirmé)",
    "source text cut after « Augmenter et adapter les solutions d… »":
        "texte source coupé après « Augmenter et adapter les solutions d… »",
    "priority I, II or III (not found)": "priorité I, II ou III (non trouvée)",
    "priority I, II or III (not found); content from the CNCDH page (measure 23 of the 2014 plan made it national rapporteur); exact title unknown":
        "priorité I, II ou III (non trouvée) ; contenu tiré de la page de la CNCDH (la mesure 23 du plan 2014 en a fait le rapporteur national) ; intitulé exact inconnu",
    # ---------------------------------------------------------------- related plans (related.csv)
    "2014-2016 (adopted in Council of Ministers 14 May 2014)": "2014-2016 (adopté en Conseil des ministres le 14 mai 2014)",
    "Presented by Najat Vallaud-Belkacem; CNCDH made national rapporteur (measure 23)":
        "Présenté par Najat Vallaud-Belkacem ; la CNCDH devient rapporteur national (mesure 23)",
    "23 measures; 3 priorities": "23 mesures ; 3 priorités",
    "Predecessor plan; the CNCDH says many of its measures were carried over into the 2nd plan (no per-measure mapping found).":
        "Plan précédent ; selon la CNCDH, nombre de ses mesures ont été reprises dans le 2e plan (aucune correspondance mesure par mesure trouvée).",
    "2019-2021 (presented 18 Oct 2019; expired Oct 2021)": "2019-2021 (présenté le 18 octobre 2019 ; arrivé à échéance en octobre 2021)",
    "Secrétariat d'État chargé de l'égalité entre les femmes et les hommes; drafted by MIPROF":
        "Secrétariat d'État chargé de l'égalité entre les femmes et les hommes ; rédigé par la MIPROF",
    "45 measures (CNCDH announcement: 44); 6 axes": "45 mesures (annonce de la CNCDH : 44) ; 6 axes",
    "Equivalent measures in the 2024-2027 plan: M2 website → F03; M4 national day → F04 (modified form); M16 national referral mechanism → F06 (MNIOP). CNCDH 2023: 3 of 45 measures carried out.":
        "Mesures équivalentes dans le plan 2024-2027 : M2 site internet → F03 ; M4 journée nationale → F04 (sous une forme modifiée) ; M16 mécanisme national d'orientation → F06 (MNIOP). CNCDH 2023 : 3 mesures sur 45 réalisées.",
    "2023-2027 (presented 20 Nov 2023)": "2023-2027 (présenté le 20 novembre 2023)",
    "Secrétariat d'État à l'Enfance (C. Caubel); presented by PM É. Borne at the 3rd Comité interministériel à l'enfance":
        "Secrétariat d'État à l'Enfance (C. Caubel) ; présenté par la Première ministre É. Borne lors du 3e Comité interministériel à l'enfance",
    "22 actions (4 main lines per press)": "22 actions (4 grands axes selon la presse)",
    "launched 15 Nov 2021; deployed 2021-2022": "lancé le 15 novembre 2021 ; déployé en 2021-2022",
    "A. Taquet (Enfance); implemented by DGCS": "A. Taquet (Enfance) ; mis en œuvre par la DGCS",
    "13 actions; 5 priorities incl. an interministerial task force; €14m":
        "13 actions ; 5 priorités dont une task force interministérielle ; 14 M€",
    "Now reduced to one axis (sexual exploitation of minors) of the 2024 prostitution strategy.":
        "Désormais réduit à un axe (exploitation sexuelle des mineurs) de la stratégie prostitution de 2024.",
    "presented 2 May 2024; end date not found": "présentée le 2 mai 2024 ; date de fin non trouvée",
    "A. Bergé, ministry for Equality, with Interior, Justice, Health, Children":
        "A. Bergé, ministère chargé de l'Égalité, avec l'Intérieur, la Justice, la Santé, l'Enfance",
    "25 measures; 4 axes (apply the law everywhere; online and accommodation-based prostitution; knowledge/awareness; sexual exploitation of minors)":
        "25 mesures ; 4 axes (faire appliquer la loi partout ; prostitution en ligne et dans les hébergements ; connaissance / sensibilisation ; exploitation sexuelle des mineurs)",
    "DGCS calls for projects of 24 May 2024 (two calls of €3m each against sexual exploitation of minors + a call for a national network of reception places for child victims) are framed under this strategy and were reported as PNA measure F07 at the 12 Dec 2024 committee (double attribution; mapping inferred). Other overlap areas: accommodation platforms; OCRTEH cyber capacity.":
        "Les appels à projets de la DGCS du 24 mai 2024 (deux appels de 3 M€ chacun contre l'exploitation sexuelle des mineurs + un appel pour un réseau national de places d'accueil pour les enfants victimes) relèvent de cette stratégie et ont été présentés comme la mesure F07 du PNA au comité du 12 décembre 2024 (double attribution ; correspondance déduite). Autres recoupements : plateformes d'hébergement ; capacités cyber de l'OCRTEH.",
    "2023-2027 (presented 8 Mar 2023, announced 7 Mar)": "2023-2027 (présenté le 8 mars 2023, annoncé le 7 mars)",
    "Prime Minister and minister for Equality (same ministry as MIPROF's supervision)":
        "Première ministre et ministre chargée de l'Égalité (même ministère que la tutelle de la MIPROF)",
    "160 or 161 measures depending on the official page; 4 axes (violence against women; women's health; professional/economic equality; culture of equality)":
        "160 ou 161 mesures selon la page officielle ; 4 axes (violences faites aux femmes ; santé des femmes ; égalité professionnelle et économique ; culture de l'égalité)",
    "2023-2027 (presented 22 May 2023)": "2023-2027 (présenté le 22 mai 2023)",
    "Ministry of Labour (O. Dussopt), presented at the Comité interministériel anti-fraude":
        "Ministère du Travail (O. Dussopt), présenté au Comité interministériel anti-fraude",
    "34 measures; 2 objectives (better target controls; better sanction/recover/repair)":
        "34 mesures ; 2 objectifs (mieux cibler les contrôles ; mieux sanctionner, recouvrer et réparer)",
    "Includes trafficking, JOP 2024 controls and cyber-investigation powers; overlaps the PNA labour axis (axis 4) and labour inspection.":
        "Comprend la traite, les contrôles liés aux JOP 2024 et des pouvoirs de cyberenquête ; recoupe l'axe travail du PNA (axe 4) et l'inspection du travail.",
    "launched 9 Nov 2021; horizon 2030 (child labour by 2025); intent letter to the ILO 21 Apr 2021; Alliance 8.7 pathfinder status dated 18 Nov 2021 on the collective's page":
        "lancée le 9 novembre 2021 ; horizon 2030 (travail des enfants d'ici 2025) ; lettre d'intention à l'OIT le 21 avril 2021 ; statut de pays pionnier de l'Alliance 8.7 daté du 18 novembre 2021 sur la page du collectif",
    "Ministers É. Borne (Labour), F. Riester (Trade), A. Taquet (Children); drafted by A. Karvar (government delegate to the ILO) with 9 ministries and MIPROF":
        "Ministres É. Borne (Travail), F. Riester (Commerce), A. Taquet (Enfance) ; rédigée par A. Karvar (déléguée du gouvernement auprès de l'OIT) avec 9 ministères et la MIPROF",
    "not found (annex contains a follow-up table of priorities and actions)":
        "non trouvé (l'annexe contient un tableau de suivi des priorités et des actions)",
    "published 28 May 2021; end date not found": "publié le 28 mai 2021 ; date de fin non trouvée",
    "Ministry of the Interior (DGEF); supervision group DGEF, OFPRA, OFII, DIAIR; part of the national reception scheme / refugee integration strategy 2018-2021":
        "Ministère de l'Intérieur (DGEF) ; groupe de suivi DGEF, OFPRA, OFII, DIAIR ; s'inscrit dans le schéma national d'accueil / la stratégie d'intégration des réfugiés 2018-2021",
    "10 actions; 2 priorities (early identification; protection)": "10 actions ; 2 priorités (repérage précoce ; protection)",
    "Victims of trafficking are one of 5 vulnerable groups. Overlap listed with the HCR/DGEF information kit (PNA action F03a).":
        "Les victimes de traite sont l'un des 5 publics vulnérables. Recoupement signalé avec le kit d'information HCR/DGEF (action F03a du PNA).",
    "Contains a measure on a secure centre for child victims. PNA 2019-2021 M17 (youth mediators) is linked to its action 13.1 (inferred).":
        "Contient une mesure sur un centre sécurisé pour les enfants victimes. La mesure M17 du PNA 2019-2021 (médiateurs jeunesse) est liée à son action 13.1 (déduit).",
    "Client penalisation; repeal of the soliciting offence; exit pathway (PSP) via departmental commissions; labour inspectors empowered to record trafficking offences.":
        "Pénalisation des clients ; abrogation du délit de racolage ; parcours de sortie (PSP) via des commissions départementales ; inspecteurs du travail habilités à constater les infractions de traite.",
    "adopted 13 Jun 2024; in force 14 Jul 2024; transposition by 15 Jul 2026":
        "adoptée le 13 juin 2024 ; en vigueur le 14 juillet 2024 ; transposition au plus tard le 15 juillet 2026",
    "European Union": "Union européenne",
    "New forms of exploitation (forced marriage, illegal adoption, surrogacy exploitation); knowing use of victims' services; referral mechanisms. The collective asks (Dec 2025) that civil society be involved upstream in the transposition.":
        "Nouvelles formes d'exploitation (mariage forcé, adoption illégale, exploitation de la gestation pour autrui) ; recours en connaissance de cause aux services des victimes ; mécanismes d'orientation. Le collectif demande (décembre 2025) que la société civile soit associée en amont à la transposition.",
    "registered 13 May 2025": "enregistrée le 13 mai 2025",
    "Assemblée nationale (cross-party bill)": "Assemblée nationale (proposition de loi transpartisane)",
    "published 18 Feb 2022; follow-up round table with MIPROF 28 Mar 2024; France's report to the Committee of the Parties due 17 Jun 2024":
        "publié le 18 février 2022 ; table ronde de suivi avec la MIPROF le 28 mars 2024 ; rapport de la France au Comité des Parties attendu pour le 17 juin 2024",
    "GRETA (Council of Europe)": "GRETA (Conseil de l'Europe)",
    "not found": "non trouvé",
    "Main asks: a national identification and referral mechanism; effective compensation incl. use of asset freezing/confiscation; proactive investigations and specialised investigators, prosecutors and judges; effective protection of victims/witnesses.":
        "Principales demandes : un mécanisme national d'identification et d'orientation ; une indemnisation effective, y compris par le gel et la confiscation des avoirs ; des enquêtes proactives et des enquêteurs, procureurs et juges spécialisés ; une protection effective des victimes et des témoins.",
    "CCEM comments to GRETA 19 May 2025; evaluation visit 16–25 Jun 2025; report not found":
        "commentaires du CCEM au GRETA le 19 mai 2025 ; visite d'évaluation du 16 au 25 juin 2025 ; rapport non trouvé",
    "Report not found.": "Rapport non trouvé.",
    "review 9–10 May 2023; adopted 26 May 2023": "examen les 9 et 10 mai 2023 ; adoptées le 26 mai 2023",
    "UN Committee on the Rights of the Child (CRC)": "Comité des droits de l'enfant de l'ONU (CRC)",
    "Urgent areas include sexual exploitation and abuse; train professionals on child trafficking; check child labour in French companies' foreign subcontractors. Full trafficking paragraphs unknown.":
        "Les domaines urgents comprennent l'exploitation et les abus sexuels ; former les professionnels à la traite des enfants ; contrôler le travail des enfants chez les sous-traitants étrangers des entreprises françaises. Paragraphes complets sur la traite inconnus.",
    "3 Oct 2025": "3 octobre 2025",
    "reviewed 17 Oct 2023": "examen le 17 octobre 2023",
    "UN Committee on the Elimination of Discrimination against Women (CEDAW); French delegation led by B. Couillard, including MIPROF":
        "Comité de l'ONU pour l'élimination de la discrimination à l'égard des femmes (CEDAW) ; délégation française conduite par B. Couillard, dont la MIPROF",
    "Trafficking-specific recommendations not found.": "Recommandations propres à la traite non trouvées.",
    "review 1 May 2023; outcome adopted 29 Sep 2023": "examen le 1er mai 2023 ; résultat adopté le 29 septembre 2023",
    "UN Human Rights Council": "Conseil des droits de l'homme de l'ONU",
    "355 recommendations, 274 supported": "355 recommandations, 274 acceptées",
    "France pledged a new national action plan; the US asked for a NAP with timeframe, dedicated budget and indicators; the UK asked for capacity to tackle exploitation.":
        "La France s'est engagée à un nouveau plan d'action national ; les États-Unis ont demandé un plan assorti d'un calendrier, d'un budget dédié et d'indicateurs ; le Royaume-Uni a demandé des moyens pour lutter contre l'exploitation.",
    "2023 (2024/2025 narratives not found)": "2023 (chapitres France 2024 et 2025 non trouvés)",
    "US Department of State": "Département d'État des États-Unis",
    "France Tier 1; criticised for lacking a national referral mechanism, insufficient victim-assistance funding, prosecution of child victims of forced begging/criminality, Mayotte.":
        "France en catégorie 1 (Tier 1) ; critiquée pour l'absence de mécanisme national d'orientation, l'insuffisance du financement de l'aide aux victimes, les poursuites contre des enfants victimes de mendicité ou de délinquance forcées, Mayotte.",
    "19 Nov 2019": "19 novembre 2019",
    "CNCDH (national rapporteur)": "CNCDH (rapporteur national)",
    "Plan has no timetable and no budget; asks the coordination committee for an annual strategic plan with deadlines, detailed measures, indicators, a cost per measure and dedicated funding; calls for a real national identification mechanism.":
        "Le plan n'a ni calendrier ni budget ; demande au comité de coordination un plan stratégique annuel avec échéances, mesures détaillées, indicateurs, coût par mesure et financement dédié ; appelle à un véritable mécanisme national d'identification.",
    "12 Jan 2023": "12 janvier 2023",
    "45 measures rated: 3 réalisées / 28 partiellement / 14 non réalisées (CNCDH announcement: 3 of 44)":
        "45 mesures évaluées : 3 réalisées / 28 partiellement / 14 non réalisées (annonce de la CNCDH : 3 sur 44)",
    "Recommendations: turn MIPROF into an interministerial delegation; increase staff and budgets (including for associations); build a national mechanism in consultation; strengthen training and prevention.":
        "Recommandations : transformer la MIPROF en délégation interministérielle ; augmenter les effectifs et les budgets (y compris pour les associations) ; construire un mécanisme national en concertation ; renforcer la formation et la prévention.",
    "28 Mar 2024 (handed to MPs 21 May 2024)": "28 mars 2024 (remis aux parlementaires le 21 mai 2024)",
    "30 recommendations": "30 recommandations",
    # ---------------------------------------------------------------- links, overlap links, related items (notes)
    "Dedicated government website: measure 2 of the 2nd plan, rated « Non réalisée » by the CNCDH, announced again (F03).":
        "Site internet gouvernemental dédié : mesure 2 du 2e plan, jugée « Non réalisée » par la CNCDH, annoncée à nouveau (F03).",
    "National day: measure 4 of the 2nd plan, rated « Non réalisée »; the 3rd plan institutionalises the 18 October European day instead (modified form).":
        "Journée nationale : mesure 4 du 2e plan, jugée « Non réalisée » ; le 3e plan institutionnalise à la place la Journée européenne du 18 octobre (forme modifiée).",
    "National referral mechanism: measure 16 of the 2nd plan; the MNIOP of the 3rd plan.":
        "Mécanisme national d'orientation : mesure 16 du 2e plan ; le MNIOP du 3e plan.",
    "The DGCS calls for projects of 24 May 2024 (3 M€) are reported as a measure of the 2024-2027 plan at the Dec 2024 committee and officially framed under the 2 May 2024 strategy against the prostitution system (double attribution).":
        "Les appels à projets de la DGCS du 24 mai 2024 (3 M€) sont présentés comme une mesure du plan 2024-2027 au comité de décembre 2024 et officiellement rattachés à la stratégie du 2 mai 2024 contre le système prostitutionnel (double attribution).",
    "GRETA 2022 asks for a national identification and referral mechanism.":
        "Le GRETA (2022) demande un mécanisme national d'identification et d'orientation.",
    "The 2023 US TIP report criticises the lack of a national referral mechanism.":
        "Le rapport TIP américain de 2023 critique l'absence de mécanisme national d'orientation.",
    "GRETA 2022 asks for effective compensation including use of asset freezing and confiscation.":
        "Le GRETA (2022) demande une indemnisation effective, y compris par le gel et la confiscation des avoirs.",
    "The same DGCS calls of 24 May 2024 are reported as PNA measure F07 and framed under the 2 May 2024 strategy (double attribution).":
        "Les mêmes appels de la DGCS du 24 mai 2024 sont présentés comme la mesure F07 du PNA et rattachés à la stratégie du 2 mai 2024 (double attribution).",
    "The collective lists an overlap between the 10 actions on vulnerable asylum seekers and the HCR/DGEF information kit (F03a).":
        "Le collectif signale un recoupement entre les 10 actions sur les demandeurs d'asile vulnérables et le kit d'information HCR/DGEF (F03a).",
    "Youth mediators (PNA 2019-2021 « Action 17 ») linked to action 13.1 of the crime-prevention strategy.":
        "Médiateurs jeunesse (PNA 2019-2021 « Action 17 ») liés à l'action 13.1 de la stratégie de prévention de la délinquance.",
    "GRETA 2022 asks for a national identification and referral mechanism; the MNIOP answers it.":
        "Le GRETA (2022) demande un mécanisme national d'identification et d'orientation ; le MNIOP y répond.",
    "One of the 4 axes of the strategy; official French title not found (Vigie's paraphrase).":
        "L'un des 4 axes de la stratégie ; intitulé officiel en français non trouvé (paraphrase de Vigie).",
    "One of the 4 axes of the strategy; the 2021 plan against prostitution of minors is now reduced to this axis.":
        "L'un des 4 axes de la stratégie ; le plan de 2021 contre la prostitution des mineurs est désormais réduit à cet axe.",
    "Framed under this strategy and also reported as PNA measure F07 (double attribution; mapping inferred).":
        "Rattaché à cette stratégie et aussi présenté comme la mesure F07 du PNA (double attribution ; correspondance déduite).",
    "Overlap area named in the domain reference (no measure wording found).":
        "Domaine de recoupement cité dans la référence du domaine (aucune formulation de mesure trouvée).",
    "The plan has 13 actions and 5 priorities; the other priorities were not found.":
        "Le plan compte 13 actions et 5 priorités ; les autres priorités n'ont pas été trouvées.",
    "One of the 2 objectives of the plan.": "L'un des 2 objectifs du plan.",
    "The plan includes trafficking; overlaps the PNA labour axis (axis 4) and labour inspection.":
        "Le plan inclut la traite ; recoupe l'axe travail du PNA (axe 4) et l'inspection du travail.",
    "One of the 2 priorities of the 10 actions.": "L'une des 2 priorités des 10 actions.",
    "One of the 4 axes of the plan.": "L'un des 4 axes du plan.",
    "The strategy contains a measure on a secure centre for child victims (wording not found).":
        "La stratégie contient une mesure sur un centre sécurisé pour les enfants victimes (formulation non trouvée).",
    "Action 13.1 of the strategy; its title was not found. PNA 2019-2021 M17 (youth mediators) is linked to it (inferred).":
        "Action 13.1 de la stratégie ; son intitulé n'a pas été trouvé. La mesure M17 du PNA 2019-2021 (médiateurs jeunesse) y est liée (déduit).",
    "Transposition due by 15 Jul 2026.": "Transposition attendue au plus tard le 15 juillet 2026.",
    "Main ask of the 3rd-round report.": "Principale demande du rapport du 3e cycle.",
    "Full trafficking paragraphs unknown.": "Paragraphes complets sur la traite inconnus.",
    "Criticism in the 2023 report.": "Critique formulée dans le rapport 2023.",
    "Criticism in the 2023 report; detail not found.": "Critique formulée dans le rapport 2023 ; détail non trouvé.",
}

# Confidence notes (the « Fiabilité » of every catalogue row) → French. Kept apart from FR so that a
# confidence with no French rendering always stops the build, even a short one (« confirmed »).
# The wording of the research notes is kept: « confirmé », « déduit », « non trouvé »,
# « source secondaire »; abbreviated months stay abbreviated (« Dec 2024 » → « déc. 2024 »).
CONFIDENCE = {
    "confirmed": "confirmé",
    "inferred": "déduit",
    "not found": "non trouvé",
    "CNCDH rating confirmed; status code inferred from the rating":
        "évaluation de la CNCDH confirmée ; code de statut déduit de l'évaluation",
    "action confirmed (Dec 2024 committee, per collective); link to a specific numbered measure not confirmed":
        "action confirmée (comité de déc. 2024, selon le collectif) ; rattachement à une mesure numérotée précise non confirmé",
    "action confirmed (collective; Airbnb date from secondary press); link to a specific numbered measure not confirmed":
        "action confirmée (collectif ; date Airbnb tirée de la presse, source secondaire) ; "
        "rattachement à une mesure numérotée précise non confirmé",
    "action confirmed; link to a specific numbered measure not confirmed":
        "action confirmée ; rattachement à une mesure numérotée précise non confirmé",
    "axis confirmed; French wording paraphrased": "axe confirmé ; formulation française paraphrasée",
    "axis number and theme confirmed; measures not found":
        "numéro et thème de l'axe confirmés ; mesures non trouvées",
    "carry-over inferred (the text does not cite it)": "reprise déduite (le texte ne la cite pas)",
    "confirmed (11 Dec); discrepancy noted": "confirmé (11 déc.) ; divergence relevée",
    "confirmed (MIPROF's own statement)": "confirmé (déclaration de la MIPROF elle-même)",
    "confirmed (MIPROF's own statement; the collective's summary page is truncated before this item)":
        "confirmé (déclaration de la MIPROF elle-même ; la page de synthèse du collectif est tronquée avant ce point)",
    "confirmed (announced)": "confirmé (annoncé)",
    "confirmed (axes count: secondary)": "confirmé (nombre d'axes : source secondaire)",
    "confirmed (collective)": "confirmé (collectif)",
    "confirmed (count varies)": "confirmé (le décompte varie)",
    "confirmed (facts); link inferred": "confirmé (faits) ; lien déduit",
    "confirmed (launch date approximate)": "confirmé (date de lancement approximative)",
    "confirmed (overlap listed by the collective)": "confirmé (recoupement cité par le collectif)",
    "confirmed (publication); link to plan measure inferred":
        "confirmé (publication) ; rattachement à une mesure du plan déduit",
    "confirmed (question text); date unknown": "confirmé (texte de la question) ; date inconnue",
    "confirmed (review); trafficking recommendations not found":
        "confirmé (examen) ; recommandations sur la traite non trouvées",
    "confirmed (secondary press)": "confirmé (presse, source secondaire)",
    "confirmed (secondary)": "confirmé (source secondaire)",
    "confirmed (secondary); French wording paraphrased":
        "confirmé (source secondaire) ; formulation française paraphrasée",
    "confirmed (secondary); detail not found": "confirmé (source secondaire) ; détail non trouvé",
    "confirmed (text); date and bill inferred": "confirmé (texte) ; date et projet de loi déduits",
    "confirmed (visit); report not found": "confirmé (visite) ; rapport non trouvé",
    "confirmed, date uncertain": "confirmé, date incertaine",
    "confirmed; F07 mapping inferred": "confirmé ; correspondance avec F07 déduite",
    "confirmed; French wording paraphrased": "confirmé ; formulation française paraphrasée",
    "confirmed; carry-over mapping inferred": "confirmé ; correspondance des reprises déduite",
    "confirmed; current validity not found": "confirmé ; validité actuelle non trouvée",
    "confirmed; exact mapping to the plan measure inferred":
        "confirmé ; correspondance exacte avec la mesure du plan déduite",
    "confirmed; precise directive articles not verified":
        "confirmé ; articles précis de la directive non vérifiés",
    "content confirmed; numbering inferred": "contenu confirmé ; numérotation déduite",
    "exact mapping inferred": "correspondance exacte déduite",
    "existence confirmed (secondary); title not found":
        "existence confirmée (source secondaire) ; intitulé non trouvé",
    "existence confirmed; number, title and measures not found":
        "existence confirmée ; numéro, intitulé et mesures non trouvés",
    "measure and deadline confirmed (copy of government press release); actors confirmed from follow-up; axis number "
    "inferred; whether the 2025 target was met not found; status code inferred from dated evidence":
        "mesure et échéance confirmées (copie du communiqué de presse du gouvernement) ; acteurs confirmés d'après le "
        "suivi ; numéro d'axe déduit ; objectif 2025 atteint ou non : non trouvé ; code de statut déduit d'éléments datés",
    "measure confirmed (collective, Secours Catholique); not operational as of Dec 2025 per collective; axis inferred; "
    "carry-over inferred; status code inferred from dated evidence":
        "mesure confirmée (collectif, Secours Catholique) ; non opérationnelle en déc. 2025 selon le collectif ; "
        "axe déduit ; reprise déduite ; code de statut déduit d'éléments datés",
    "measure confirmed (press release copy); 2024 and 2025 events confirmed; involvement of territorial referents not "
    "found; carry-over inferred; status code inferred from dated evidence":
        "mesure confirmée (copie du communiqué de presse) ; événements de 2024 et 2025 confirmés ; participation des "
        "référents territoriaux non trouvée ; reprise déduite ; code de statut déduit d'éléments datés",
    "measure confirmed (press release copy); JOP campaign confirmed as a plan measure by MIPROF SG; website status not "
    "found; axis inferred; carry-over inferred; status code inferred from dated evidence":
        "mesure confirmée (copie du communiqué de presse) ; campagne JOP confirmée comme mesure du plan par la "
        "secrétaire générale de la MIPROF ; état du site internet non trouvé ; axe déduit ; reprise déduite ; "
        "code de statut déduit d'éléments datés",
    "measure confirmed (press release copy); implementation confirmed; axis inferred; status code inferred from dated "
    "evidence":
        "mesure confirmée (copie du communiqué de presse) ; mise en œuvre confirmée ; axe déduit ; code de statut "
        "déduit d'éléments datés",
    "measure confirmed (press release copy); pilot confirmed as reported at Dec 2024 committee; 2024 data of 16 Oct "
    "2025 confirmed (secondary); axis inferred; status code inferred from dated evidence":
        "mesure confirmée (copie du communiqué de presse) ; pilotage confirmé tel que rapporté au comité de déc. 2024 ; "
        "données 2024 du 16 oct. 2025 confirmées (source secondaire) ; axe déduit ; code de statut déduit d'éléments "
        "datés",
    "not found (no publication seen as of Dec 2025)": "non trouvé (aucune publication constatée en déc. 2025)",
    "overlap area confirmed (domain reference); wording paraphrased":
        "domaine de recoupement confirmé (référence du domaine) ; formulation paraphrasée",
    "recommendation confirmed (secondary); link inferred": "recommandation confirmée (source secondaire) ; lien déduit",
    "recommendation confirmed; link inferred": "recommandation confirmée ; lien déduit",
    "reported as a plan measure at Dec 2024 committee (per collective); exact mapping inferred":
        "rapporté comme mesure du plan au comité de déc. 2024 (selon le collectif) ; correspondance exacte déduite",
    "reported as a plan measure at Dec 2024 committee (per collective); same calls officially framed under the 2 May "
    "2024 prostitution strategy; exact mapping inferred; status code inferred from dated evidence":
        "rapporté comme mesure du plan au comité de déc. 2024 (selon le collectif) ; mêmes appels officiellement "
        "rattachés à la stratégie prostitution du 2 mai 2024 ; correspondance exacte déduite ; code de statut déduit "
        "d'éléments datés",
    "secondary (NGO page ties it to the 3rd plan; budget amendment relays MIPROF's involvement)":
        "source secondaire (la page d'une ONG la rattache au 3e plan ; un amendement budgétaire relaie l'implication "
        "de la MIPROF)",
    "secondary (NGO page); mapping inferred": "source secondaire (page d'une ONG) ; correspondance déduite",
    "secondary (stated by an MP in a written question; not yet confirmed by an official text)":
        "source secondaire (affirmé par un député dans une question écrite ; pas encore confirmé par un texte officiel)",
    "secondary (third-party copy of the plan foreword)": "source secondaire (copie de la préface du plan publiée par un tiers)",
    "theme confirmed; axis number inferred; assignment of F05/F06 inferred":
        "thème confirmé ; numéro d'axe déduit ; rattachement de F05/F06 déduit",
    "theme inferred from the (truncated) documented title (Vigie's classification)":
        "thème déduit de l'intitulé documenté (tronqué) (classement de Vigie)",
    "theme inferred from the documented content (Vigie's classification)":
        "thème déduit du contenu documenté (classement de Vigie)",
    "theme inferred from the documented title (Vigie's classification)":
        "thème déduit de l'intitulé documenté (classement de Vigie)",
    "theme inferred from the documented title and evidence (Vigie's classification)":
        "thème déduit de l'intitulé et des éléments documentés (classement de Vigie)",
}
