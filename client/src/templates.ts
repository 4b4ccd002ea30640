// Starting files written by the "New programme" and "New consultation" commands. They are complete,
// credible examples (a small gymnasium) that raise no diagnostic: keys as in docs/format.md, sums
// that add up, phases in legal order, and a consultation launched after 21 August 2026 (so with an
// environmental criterion and environmental execution conditions).

/** The programme file name that CONSULTATION_TEMPLATE refers to. */
export const DEFAULT_PROGRAMME_PATH = './nouveau.programme.yaml';

export const PROGRAMME_TEMPLATE = `# Programme de l'opération « Gymnase des Tilleuls » : construction neuve d'une salle de sports.
# Commune fictive de Valmont-les-Prés. Modèle créé par AMO Authoring : remplacez les valeurs par
# celles de votre opération. Survolez une clé pour son aide ; Ctrl+Espace propose les valeurs.
version: 1
statut: arrete            # brouillon | valide | arrete ; arrêté avant l'avant-projet (L2421-3)

operation:
  id: GYMNASE-TILLEULS
  intitule: Construction du gymnase des Tilleuls
  maitre_ouvrage: Commune de Valmont-les-Prés
  categorie_acheteur: collectivite
  nature: construction_neuve
  ouvrage_type: batiment
  localisation: Chemin des Écoliers, Valmont-les-Prés (parcelle ZA 48, à côté du collège)
  site_occupe: false
  usage: Équipement sportif (ERP de type X, 3e catégorie) pour les écoles, le collège et les clubs
  permis_requis: true
  zone_archeologique: false

acteurs:
  - {id: MOA, role: maitre_ouvrage, nom: "M. le maire", organisme: "Commune de Valmont-les-Prés"}
  - {id: DST, role: representant_maitre_ouvrage, nom: "Directrice des services techniques", organisme: "Commune de Valmont-les-Prés"}
  - {id: AMO, role: amo, nom: "Programmiste et conducteur d'opération", organisme: "Cabinet d'AMO"}
  - {id: MOE, role: moe, nom: "Architecte mandataire", organisme: "Groupement de maîtrise d'œuvre (architecte, BET structure, fluides, économiste)"}
  - {id: CT, role: controleur_technique, nom: "Bureau de contrôle (missions L, SEI, LE, HAND, PS)"}
  - {id: CSPS, role: coordonnateur_sps, nom: "Coordonnateur SPS de niveau 2"}
  - {id: GEO, role: geotechnicien, nom: "Bureau d'études géotechniques (missions G1 et G2, NF P 94-500)"}

# Objectifs de l'opération (L2421-2 1°), chacun avec un indicateur mesurable.
objectifs:
  - id: OBJ-USAGE
    libelle: Offrir une salle de sports couverte aux écoles, au collège et aux clubs de la commune
    indicateur: Heures d'utilisation par semaine (scolaires et associatives)
    valeur_initiale: 0
    cible: 70
    echeance: 2029-06-30
  - id: OBJ-COMPETITION
    libelle: Permettre les compétitions régionales de sports collectifs
    indicateur: Aire de jeu homologuée (handball, basket-ball, volley-ball)
    valeur_initiale: aucune
    cible: homologation régionale
    echeance: 2028-12-31
  - id: OBJ-ENERGIE
    libelle: Limiter les consommations d'énergie du bâtiment en exploitation
    indicateur: Consommation d'énergie finale (kWhef/m².an), mesurée la deuxième année
    valeur_initiale: sans objet (construction neuve)
    cible: 60
    echeance: 2030-12-31

# Besoins (L2421-2 2°) : surface_utile_m2 est la surface d'une unité.
besoins:
  - {id: B-SALLE, libelle: "Salle multisports (aire de jeu de 44 × 24 m et dégagements)", quantite: 1, surface_utile_m2: 1200}
  - {id: B-TRIBUNE, libelle: "Tribune de 150 places assises", quantite: 1, surface_utile_m2: 110}
  - {id: B-VESTIAIRES, libelle: "Vestiaires et douches des sportifs", quantite: 4, surface_utile_m2: 30}
  - {id: B-ARBITRES, libelle: "Vestiaires des arbitres", quantite: 2, surface_utile_m2: 12}
  - {id: B-SANITAIRES, libelle: "Sanitaires publics, dont un accessible", quantite: 1, surface_utile_m2: 25}
  - {id: B-RANGEMENT, libelle: "Rangements du matériel sportif", quantite: 2, surface_utile_m2: 60}
  - {id: B-INFIRMERIE, libelle: "Infirmerie et local de contrôle antidopage", quantite: 1, surface_utile_m2: 15}
  - {id: B-HALL, libelle: "Hall d'accueil et espace de convivialité", quantite: 1, surface_utile_m2: 60}
  - {id: B-TECHNIQUE, libelle: "Locaux techniques (chaufferie, ventilation, TGBT)", quantite: 1, surface_utile_m2: 50}

surfaces:
  total_su: 1724          # somme des besoins ci-dessus
  total_sdo: 1950
  total_sdp: 2200         # ratio SDP/SU de 1,28

# Contraintes et exigences (L2421-2 3°) : les huit rubriques, en performances plutôt qu'en solutions.
contraintes_exigences:
  sociale:
    - Ouverture aux associations le soir et le week-end, avec un accès indépendant des vestiaires scolaires.
    - Clause d'insertion professionnelle dans les marchés de travaux (environ 1 500 heures).
  urbanistique:
    - PLU zone UE ; hauteur maximale de 12 m au faîtage.
    - Stationnement de 40 places, dont 2 accessibles, et abri pour 30 vélos.
  architecturale:
    - Volume compact et lisible depuis le chemin des Écoliers ; lumière naturelle zénithale sans éblouissement.
  fonctionnelle:
    - Séparation des circulations « pieds chaussés » et « pieds nus » ; accès direct des vestiaires à la salle.
    - Accessibilité de tous les locaux aux pratiquants et aux spectateurs handicapés.
  technique:
    - "Acoustique : temps de réverbération inférieur à 2 s dans la salle."
    - Sol sportif conforme à la norme NF EN 14904 ; éclairage de 500 lux pour la compétition régionale.
  economique:
    - Respect de l'enveloppe financière prévisionnelle de 4 300 000 € HT (valeur juin 2025).
    - Coût global sur 30 ans (énergie, maintenance, remplacement du sol sportif) présenté à l'APS et à l'APD.
  paysage:
    - Conservation de la haie bocagère en limite nord ; plantation d'arbres de haute tige sur le parking.
  environnement:
    - Construction conforme à la RE2020 ; structure et bardage en bois, isolants biosourcés privilégiés.
    - Valorisation matière d'au moins 70 % des déchets de chantier non dangereux.

enveloppe_financiere:
  montant_ht: 4300000
  date_valeur: 2025-06    # mois zéro de l'enveloppe (valeur juin 2025)
  part_travaux: 3400000
  decomposition:
    - {id: EFP-TRAVAUX, libelle: "Travaux (bâtiment, VRD et aménagements extérieurs)", montant_ht: 3400000}
    - {id: EFP-EQUIPEMENTS, libelle: "Équipements sportifs (buts, panneaux, tableau d'affichage)", montant_ht: 120000}
    - {id: EFP-MOE, libelle: "Honoraires de maîtrise d'œuvre (mission de base et OPC)", montant_ht: 408000}
    - {id: EFP-AMO, libelle: "Assistance à maîtrise d'ouvrage", montant_ht: 72000}
    - {id: EFP-ETUDES, libelle: "Études préalables (géomètre, géotechnique G1 et G2)", montant_ht: 46000}
    - {id: EFP-CT-SPS, libelle: "Contrôle technique et coordination SPS", montant_ht: 50000}
    - {id: EFP-ASSURANCES, libelle: "Assurance dommages-ouvrage", montant_ht: 34000}
    - {id: EFP-ALEAS, libelle: "Aléas et imprévus (2,5 % des travaux)", montant_ht: 85000}
    - {id: EFP-REVISION, libelle: "Actualisation et révision des prix", montant_ht: 85000}

# Plan de financement : le total couvre l'enveloppe.
financement:
  - {id: FIN-DETR, financeur: "État, dotation d'équipement des territoires ruraux", montant_ht: 800000, statut: acquis}
  - {id: FIN-ANS, financeur: "Agence nationale du sport", montant_ht: 300000, statut: demande}
  - {id: FIN-REGION, financeur: "Région", montant_ht: 400000, statut: demande}
  - {id: FIN-DEPARTEMENT, financeur: "Département, contrat de territoire", montant_ht: 600000, statut: acquis}
  - {id: FIN-AUTOFINANCEMENT, financeur: "Commune, autofinancement", montant_ht: 1200000, statut: acquis}
  - {id: FIN-EMPRUNT, financeur: "Commune, emprunt", montant_ht: 1000000, statut: prevu}

mode_realisation: loi_mop

# Mission de base de maîtrise d'œuvre pour un bâtiment neuf (R2431-4), avec l'OPC en complément.
moe:
  mission:
    elements: [ESQ, APS, APD, PRO, ACT, VISA, DET, AOR]
    complementaires: [OPC]
  complexe: false
  clause_dans_consultation_moe: false

# Planning directeur, dans l'ordre légal des phases.
phases:
  - id: PH-OPP
    code: OPP
    libelle: Études d'opportunité
    debut: 2024-09-02
    fin: 2024-11-29
    livrables:
      - {id: LIV-OPP-NOTE, libelle: "Note d'opportunité et analyse des besoins sportifs", echeance: 2024-11-15}
    jalons:
      - {id: JAL-OPP-DELIB, libelle: "Délibération de lancement de l'opération", date: 2024-11-28}
  - id: PH-FAI
    code: FAI
    libelle: Études de faisabilité
    debut: 2024-12-02
    fin: 2025-03-28
    livrables:
      - {id: LIV-FAI-G1, libelle: "Étude géotechnique préalable G1 (NF P 94-500)", echeance: 2025-02-14}
      - {id: LIV-FAI-ETUDE, libelle: "Étude de faisabilité et scénarios chiffrés", echeance: 2025-03-21}
  - id: PH-PROG
    code: PROG
    libelle: Programmation
    debut: 2025-04-01
    fin: 2025-06-27
    livrables:
      - {id: LIV-PROG-PTD, libelle: "Programme technique détaillé", echeance: 2025-06-13}
    jalons:
      - {id: JAL-PROG-ARRET, libelle: "Délibération arrêtant le programme et l'enveloppe", date: 2025-06-26}
  - id: PH-SEL-MOE
    code: SEL-MOE
    libelle: Choix de la maîtrise d'œuvre (concours restreint)
    debut: 2025-07-01
    fin: 2025-12-19
    jalons:
      - {id: JAL-MOE-JURY, libelle: "Jury du concours", date: 2025-11-13}
      - {id: JAL-MOE-NOTIF, libelle: "Notification du marché de maîtrise d'œuvre", date: 2025-12-19}
  - id: PH-ESQ
    code: ESQ
    libelle: Esquisse
    debut: 2026-01-05
    fin: 2026-02-27
  - id: PH-APS
    code: APS
    libelle: Avant-projet sommaire
    debut: 2026-03-02
    fin: 2026-04-30
  - id: PH-APD
    code: APD
    libelle: Avant-projet définitif et permis de construire
    debut: 2026-05-04
    fin: 2026-07-10
    livrables:
      - {id: LIV-APD-G2, libelle: "Étude géotechnique G2 AVP", echeance: 2026-06-12}
      - {id: LIV-APD, libelle: "Avant-projet définitif et coût prévisionnel des travaux", echeance: 2026-07-03}
    jalons:
      - {id: JAL-APD-PC, libelle: "Dépôt du permis de construire", date: 2026-07-10}
  - id: PH-PRO
    code: PRO
    libelle: Études de projet et dossier de consultation des entreprises
    debut: 2026-09-01
    fin: 2026-12-18
    livrables:
      - {id: LIV-PRO-G2, libelle: "Étude géotechnique G2 PRO", echeance: 2026-11-06}
      - {id: LIV-PRO-DCE, libelle: "Projet et dossier de consultation des entreprises", echeance: 2026-12-11}
  - id: PH-ACT
    code: ACT
    libelle: Passation des marchés de travaux
    debut: 2027-01-04
    fin: 2027-04-30
    livrables:
      - {id: LIV-ACT-RAO, libelle: "Rapport d'analyse des offres", echeance: 2027-03-19}
    jalons:
      - {id: JAL-ACT-LANCEMENT, libelle: "Lancement de la consultation des entreprises", date: 2027-01-11}
      - {id: JAL-ACT-OFFRES, libelle: "Date limite de remise des offres", date: 2027-02-15}
      - {id: JAL-ACT-NOTIF, libelle: "Notification des marchés de travaux", date: 2027-04-30}
  - id: PH-DET
    code: DET
    libelle: Direction de l'exécution des travaux
    debut: 2027-05-17
    fin: 2028-09-15
    jalons:
      - {id: JAL-DET-OS, libelle: "Ordre de service de démarrage des travaux", date: 2027-05-17}
      - {id: JAL-DET-HORS-EAU, libelle: "Mise hors d'eau et hors d'air", date: 2027-12-17}
  - id: PH-AOR
    code: AOR
    libelle: Assistance aux opérations de réception et pendant la garantie de parfait achèvement
    debut: 2028-09-01
    fin: 2029-09-14
    livrables:
      - {id: LIV-AOR-OPR, libelle: "Procès-verbal des opérations préalables à la réception", echeance: 2028-09-08}
      - {id: LIV-AOR-DOE, libelle: "Dossier des ouvrages exécutés", echeance: 2028-11-15}
    jalons:
      - {id: JAL-AOR-RECEPTION, libelle: "Réception des travaux", date: 2028-09-15}
  - id: PH-GPA
    code: GPA
    libelle: Garantie de parfait achèvement (un an après la réception)
    debut: 2028-09-15
    fin: 2029-09-14

# Registre des risques : échelle 4 × 4, criticité = probabilité × impact, critique à partir de 9.
echelle_risques:
  probabilite: 4
  impact: 4
  seuil_critique: 9

risques:
  - id: R-SOL
    titre: Sol de fondation de portance insuffisante (argiles gonflantes, présence d'eau)
    categorie: technique
    probabilite: 3
    impact: 3
    criticite: 9
    proprietaire: MOA
    strategie: reduire_probabilite
    actions:
      - {libelle: "Mission géotechnique G2 AVP puis G2 PRO (NF P 94-500)", responsable: GEO, echeance: 2026-11-06}
      - {libelle: "Provision pour fondations spéciales dans la ligne d'aléas", responsable: AMO, echeance: 2026-07-03}
    phases: [PH-APD, PH-PRO, PH-DET]
    statut: ouvert
  - id: R-RECOURS-PC
    titre: Recours des tiers contre le permis de construire
    categorie: reglementaire
    probabilite: 2
    impact: 4
    criticite: 8
    proprietaire: MOA
    strategie: reduire_impact
    actions:
      - {libelle: "Constat d'affichage du permis par commissaire de justice", responsable: DST, echeance: 2026-10-30}
      - Ordre de service de démarrage des travaux après la purge du délai de recours
    phases: [PH-APD, PH-PRO]
    statut: ouvert
  - id: R-DEPASSEMENT
    titre: Dépassement de l'enveloppe financière prévisionnelle
    categorie: financier
    probabilite: 3
    impact: 4
    criticite: 12
    proprietaire: MOA
    strategie: reduire_impact
    actions:
      - {libelle: "Estimation contradictoire du coût des travaux à l'APS, à l'APD et au PRO", responsable: AMO, echeance: 2026-12-11}
      - {libelle: "Liste d'économies possibles arbitrée par le maître d'ouvrage avant le DCE", responsable: MOE, echeance: 2026-11-27}
    phases: [PH-APS, PH-APD, PH-PRO, PH-ACT]
    statut: ouvert
  - id: R-INFRUCTUEUX
    titre: Lot infructueux à la consultation des entreprises
    categorie: procedure
    probabilite: 2
    impact: 3
    criticite: 6
    proprietaire: AMO
    strategie: reduire_probabilite
    actions:
      - Sourcing des entreprises locales avant le lancement et estimation réaliste par lot
    phases: [PH-ACT]
    statut: ouvert
  - id: R-SUBVENTION
    titre: Subvention refusée ou versée en retard
    categorie: financier
    probabilite: 2
    impact: 3
    criticite: 6
    proprietaire: MOA
    strategie: reduire_impact
    actions:
      - Dépôt des dossiers de subvention avant l'APD ; emprunt relais prévu au budget
    phases: [PH-PROG, PH-APD]
    statut: surveille
  - id: R-DEFAILLANCE
    titre: Défaillance d'une entreprise en cours de chantier
    categorie: entreprises
    probabilite: 2
    impact: 3
    criticite: 6
    proprietaire: MOE
    strategie: reduire_impact
    actions:
      - Vérification des capacités financières des attributaires ; retenue de garantie
    phases: [PH-ACT, PH-DET]
    statut: ouvert
  - id: R-INTEMPERIES
    titre: Intempéries pendant le gros œuvre et le clos-couvert
    categorie: chantier
    probabilite: 3
    impact: 2
    criticite: 6
    proprietaire: MOE
    strategie: accepter
    justification: Risque courant ; jours d'intempéries prévus au CCAP et marge de trois semaines au planning.
    phases: [PH-DET]
    statut: ouvert
`;

export const CONSULTATION_TEMPLATE = `# Consultation des entreprises de travaux du gymnase des Tilleuls (procédure adaptée, sept lots).
# Modèle créé par AMO Authoring : il se rattache au fichier programme indiqué ci-dessous et à sa
# phase PH-ACT (passation des marchés de travaux).
version: 1
programme: ${DEFAULT_PROGRAMME_PATH}
id: CSL-GYMNASE-TRAVAUX
objet: Travaux de construction du gymnase des Tilleuls
nature: travaux
phase: PH-ACT
acheteur:
  categorie: collectivite

# Valeur estimée inférieure au seuil européen des travaux (5 404 000 € HT en 2026-2027).
procedure:
  type: MAPA
  fondement: R2123-1 1°
  motif: Valeur estimée de l'ensemble des lots inférieure au seuil de procédure formalisée
valeur_estimee_ht: 3400000

# Lancement après le 21 août 2026 : critère environnemental (L2152-7) et conditions d'exécution
# environnementales (L2112-2) obligatoires.
date_lancement: 2027-01-11
date_limite_offres: 2027-02-15        # 35 jours
transmission_electronique: true
publicite:
  supports: [BOAMP, PROFIL_ACHETEUR]  # au-delà de 90 000 € HT : BOAMP ou JAL (R2131-12 2°)

forme_prix: forfait
ccag: travaux_2021

# Allotissement (L2113-10) : sept lots séparés.
lots:
  - {id: LOT-01, intitule: "Terrassements, VRD et gros œuvre", valeur_estimee_ht: 1150000}
  - {id: LOT-02, intitule: "Charpente bois, couverture et bardage", valeur_estimee_ht: 720000}
  - {id: LOT-03, intitule: "Menuiseries extérieures et serrurerie", valeur_estimee_ht: 260000}
  - {id: LOT-04, intitule: "Cloisons, doublages et menuiseries intérieures", valeur_estimee_ht: 230000}
  - {id: LOT-05, intitule: "Sols sportifs, carrelage et peintures", valeur_estimee_ht: 280000}
  - {id: LOT-06, intitule: "Chauffage, ventilation et plomberie", valeur_estimee_ht: 460000}
  - {id: LOT-07, intitule: "Électricité courants forts et faibles, éclairage sportif", valeur_estimee_ht: 300000}

# Critères d'attribution (R2152-7), pondérés ; sous-critères publiés avec leur pondération
# (CE 18 juin 2010, Commune de Saint-Pal-de-Mons, n° 337377).
ponderation_totale: 100
criteres:
  - id: PRIX
    libelle: Prix des prestations (montant de la DPGF)
    type: prix
    ponderation: 40
  - id: VT
    libelle: Valeur technique, appréciée au vu du mémoire technique
    type: qualite
    ponderation: 45
    sous_criteres:
      - {id: VT-METHODO, libelle: "Méthodologie, organisation et phasage du chantier", ponderation: 18}
      - {id: VT-MOYENS, libelle: "Moyens humains et matériels affectés au chantier", ponderation: 12}
      - {id: VT-MATERIAUX, libelle: "Qualité et durabilité des matériaux et des équipements sportifs", ponderation: 8}
      - {id: VT-DECHETS, libelle: "Gestion des déchets et des nuisances du chantier (tri, valorisation)", ponderation: 7, environnemental: true}
  - id: ENV
    libelle: Performance environnementale de l'offre (empreinte carbone des produits au vu des FDES, part de bois et d'isolants biosourcés)
    type: environnement
    ponderation: 15
    environnemental: true

# Note du prix proportionnelle au prix le plus bas, sur les montants TTC.
notation_prix:
  methode: classique
  note_max: 20
  base: TTC
  reference: prix_min
  formule: Note = 20 × Pmin / P
oab:
  detection: Offre inférieure de plus de 10 % à la moyenne des offres du lot, recalculée sans les offres supérieures de plus de 20 % à la première moyenne
  procedure_contradictoire: true      # demande écrite de précisions et justifications (R2152-3)
  rejet_automatique: false

conditions_execution:
  environnementales:
    - Tri des déchets de chantier et valorisation matière d'au moins 70 % des déchets non dangereux, avec bordereaux de suivi.
    - Charte de chantier à faibles nuisances annexée au CCAP (bruit, poussières, propreté des abords du collège).
  sociales:
    - Action d'insertion professionnelle de 1 500 heures, répartie sur les lots 01, 02 et 05.

validite_offres_jours: 120            # jusqu'au 2027-06-15
date_attribution_prevue: 2027-03-26

dce:
  - {code: RC, libelle: "Règlement de la consultation"}
  - {code: AE, libelle: "Acte d'engagement, un par lot"}
  - {code: CCAP, libelle: "Cahier des clauses administratives particulières"}
  - {code: CCTP, libelle: "Cahiers des clauses techniques particulières, un par lot"}
  - {code: DPGF, libelle: "Décompositions du prix global et forfaitaire, une par lot"}
  - {code: PLANS, libelle: "Plans du projet et plan d'installation de chantier"}
  - {code: PGC, libelle: "Plan général de coordination SPS"}
`;

/** CONSULTATION_TEMPLATE with its `programme:` path replaced by `programmePath` (e.g. `./gymnase.programme.yaml`). */
export function consultationTemplate(programmePath: string = DEFAULT_PROGRAMME_PATH): string {
  return CONSULTATION_TEMPLATE.replace(`programme: ${DEFAULT_PROGRAMME_PATH}\n`, `programme: ${programmePath}\n`);
}
