"""What each feature id means: the national list of back-office features a subject may ask for.

Session 2026 list (unchanged since 2025), one id per row, in French; S- the site vitrine (CMS), B- the
boutique, X- beyond the national list (the référentiel asks for it). Subject packs name the features of each
question with these ids (``features = [...]``); ``e5 subject features`` prints this list and
docs/subject-packs.md holds it.
"""

from __future__ import annotations

FEATURE_TITLES: dict[str, str] = {
    "S-APP-1": "identité du site : slogan, icône du site, logo",
    "S-APP-2": "en-tête : texte, photo ou vidéo",
    "S-APP-3": "choisir où s'affiche le menu principal",
    "S-APP-4": "liens vers les réseaux sociaux (icônes) activés, avec leurs adresses",
    "S-APP-5": "widgets du pied de page et de la colonne latérale (recherche, articles récents et longueur "
               "d'extrait, commentaires récents, flux RSS, galerie, calendrier, méta…)",
    "S-APP-6": "mise en page des pages et articles avec une colonne latérale",
    "S-CON-1": "articles, pages et catégories : créer, modifier, publier, dépublier, supprimer ; "
               "brouillons, planification",
    "S-CON-2": "éditeur de blocs, blocs de base : titre, paragraphe, bouton, bannière, image, galerie, "
               "tableau, flux RSS, calendrier, audio, fichier",
    "S-CON-3": "blocs enrichis, options de base : diaporama, formulaire (contact, inscription à la lettre "
               "d'information), FAQ, témoignages, équipe, carte, compte à rebours",
    "S-CON-4": "ajouter un média (photo, vidéo, audio) à un contenu",
    "S-CON-5": "insérer et modifier une galerie",
    "S-CON-6": "liens internes et externes (dans le texte, sur les boutons, sur les images)",
    "S-CON-7": "fenêtre surgissante ou barre d'information (quand, sur quelles pages, son contenu)",
    "S-CON-8": "épingler un article en haut du blog",
    "S-CON-9": "modérer les commentaires et y répondre (approuver, modifier, désapprouver, indésirable, "
               "corbeille, répondre)",
    "S-CON-10": "générer la page de politique de confidentialité à partir du modèle et la compléter",
    "S-MED-1": "médiathèque (téléverser, lister, rechercher, supprimer ; photos, audio, vidéo, PDF)",
    "S-MED-2": "ajuster et placer un média (taille, alignement, recadrage ou point focal)",
    "S-MED-3": "texte alternatif, titre, légende et description d'une image",
    "S-MEN-1": "menus et sous-menus (créer, modifier, imbriquer, réordonner)",
    "S-MEN-2": "menu hors canevas (menu mobile)",
    "S-MEN-3": "ajouter un élément de menu : catégorie, page, lien personnalisé",
    "S-NAV-1": "passer du back-office au site public et inversement (en un clic)",
    "S-NAV-2": "page d'accueil : page statique ou derniers articles ; nombre d'articles par page",
    "S-NAV-3": "réglages de lecture et de discussion (approbation manuelle, commentaires fermés sur un "
               "article…)",
    "S-NAV-4": "fil d'Ariane",
    "S-SEO-1": "structure des intertitres d'un texte (H2, H3…)",
    "S-SEO-2": "mots-clés",
    "S-SEO-3": "étiquettes, balises méta et descriptions (articles, pages, catégories)",
    "S-SEO-4": "extension SEO (désactivée par défaut) : requête cible, méta description, titre SEO, analyse"
               " lisible",
    "S-USR-1": "comptes utilisateurs : créer, modifier, supprimer",
    "S-USR-2": "rôles (administrateur, éditeur, auteur, contributeur, abonné) qui limitent vraiment les "
               "droits",
    "S-USR-3": "changer l'auteur d'un article ou d'une page",
    "B-APP-1": "ordre des blocs de la page d'accueil",
    "B-APP-2": "position du bloc des produits phares (populaires)",
    "B-APP-3": "nombre de jours pendant lesquels un produit est affiché « nouveau »",
    "B-APP-4": "listes de liens du pied de page (blocs de liens)",
    "B-CAT-1": "produits : créer, modifier, dupliquer, supprimer ; nom, récapitulatif, description, "
               "référence, EAN, prix, règle de taxe, poids, état, visibilité",
    "B-CAT-2": "personnalisation du produit par le client (champ texte ou fichier, obligatoire ou non)",
    "B-CAT-3": "catégories et sous-catégories (arborescence, description, image, SEO)",
    "B-CAT-4": "associer un produit à une ou plusieurs catégories, choisir sa catégorie par défaut",
    "B-CAT-5": "déclinaisons générées à partir des valeurs d'attributs, chacune avec son stock, sa "
               "référence et son impact sur le prix",
    "B-CAT-6": "prix et impacts sur le prix affichés et modifiables en HT et en TTC, cohérents avec la TVA",
    "B-CAT-7": "attributs et caractéristiques et leurs valeurs : créer, modifier",
    "B-CAT-8": "packs de produits (un produit fait de quantités d'autres produits)",
    "B-CAT-9": "produits associés (accessoires)",
    "B-CAT-10": "mettre un produit en ligne ou hors ligne ; exclusivité web ; drapeaux « nouveau » et « en "
                "solde »",
    "B-CAT-11": "marques (créer, logo, description, associer aux produits)",
    "B-CUS-1": "clients (créer, modifier, adresses, notes) et groupes de clients (réduction, affichage des "
               "prix HT/TTC, groupe par défaut)",
    "B-SHP-1": "transporteurs : créer, modifier, supprimer ; zones, tranches de prix ou de poids, délai, "
               "seuil de gratuité ; transporteurs d'un produit",
    "B-STK-1": "stock : quantités par produit et par déclinaison, mouvements avec motif, comportement hors "
               "stock (refuser ou accepter les commandes, message de précommande, date de réassort)",
    "B-SAV-1": "service client : fils des clients et des visiteurs, sur une commande ou un produit ; "
               "répondre, changer le statut, transférer ; messages produits et réclamations",
    "B-SAV-2": "messages prédéfinis (réponses types) du service client",
    "B-LNK-1": "créer et insérer des liens (pages de la boutique, menus, blocs de liens)",
    "B-ORD-1": "commandes : en créer une depuis le back-office pour un client existant ou nouveau, "
               "produits, transporteur, paiement, message au client ; changer l'état avec historique",
    "B-ORD-2": "retours produits et avoirs, remboursements totaux et partiels",
    "B-ORD-3": "conditions de retour (retours activés ou non, délai en jours, instructions)",
    "B-PRO-1": "règles de prix catalogue (portée : catégorie, marque, groupe, pays ; à partir d'une "
               "quantité ; dates ; montant ou pourcentage)",
    "B-PRO-2": "règles panier : informations (nom, code, priorité, utilisation partielle, mise en avant), "
               "conditions (client, dates, montant minimum, limites d'utilisation, restrictions), actions "
               "(livraison gratuite, pourcentage ou montant, exclure les produits en promotion, cadeau)",
    "B-PRO-3": "prix spécifiques d'un produit (pour un groupe, un client, des dates, à partir d'une "
               "quantité)",
    "B-IMG-1": "légende et description d'une image",
    "B-IMG-2": "choisir l'image de couverture d'un produit",
    "B-MOD-1": "module produits phares (activé ou non, nombre de produits, catégorie, ordre aléatoire)",
    "B-MOD-2": "module carrousel d'images (activé ou non, diapositives : image, titre, légende, lien, "
               "ordre, vitesse)",
    "B-MOD-3": "module menu principal (activé ou non, catégories, pages, liens)",
    "B-MOD-4": "module bloc de texte (activé ou non, contenu)",
    "B-MOD-5": "module réassurance (activé ou non, éléments avec icône et texte)",
    "B-MOD-6": "module boutons de partage social sur les pages produits (activé ou non, réseaux)",
    "B-MOD-7": "module commentaires produits (activé ou non, modération, visiteurs autorisés ou non)",
    "B-MOD-8": "module paiement par chèque (activé ou non, ordre, adresse)",
    "B-NAV-1": "passer du back-office à la boutique publique et inversement (en un clic)",
    "B-NAV-2": "alias de recherche (un mot ou une expression tapés par les clients → le mot recherché)",
    "B-SEO-1": "balise titre, méta description, mots-clés et URL simplifiée des produits, catégories, "
               "marques et pages",
    "B-USR-1": "employés : créer, modifier, désactiver",
    "B-USR-2": "permissions par onglet du back-office (voir, ajouter, modifier, supprimer)",
    "B-USR-3": "attribuer un profil à un employé",
    "B-USR-4": "modifier un profil existant",
    "X-STA-1": "statistiques : visites et visiteurs par jour et par source, taux de transformation, panier "
               "moyen, chiffre d'affaires HT/TTC, meilleurs produits et catégories, nouveaux clients, "
               "paniers abandonnés, graphiques et comparaison de périodes",
    "X-STA-2": "données clients : segments (RFM), export d'un segment, demandes RGPD (export, effacement)",
    "X-REL-1": "lettre d'information : abonnés, campagne rédigée et envoyée à un segment (simulée), "
               "ouvertures et clics",
    "X-REL-2": "messagerie ou formulaire de contact du site vitrine, traités depuis le back-office",
    "X-REL-3": "avis clients avec réponses publiques ; e-réputation (note moyenne, tendance)",
    "X-REL-4": "réseaux sociaux de l'entreprise (simulés) : publier, répondre aux commentaires",
}
