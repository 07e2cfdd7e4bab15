namespace Gorgias.Sandbox.Generator;

internal sealed partial class PhraseBank
{
    internal static readonly PhraseBank French = new()
    {
        Language = Lang.Fr,
        CustomerGreetings =
        [
            "Bonjour,", "Bonjour {shop},", "Bonsoir,", "Madame, Monsieur,", "Salut,", "", "Bonjour à toute l'équipe,", "",
        ],
        CustomerSignOffs =
        [
            "Merci,\n{name}", "Cordialement,\n{name}", "Bonne journée,\n{name}", "Merci d'avance,\n{name}", "{name}",
            "Envoyé de mon iPhone", "Bien à vous,\n{name}", "",
        ],
        AgentGreetings = ["Bonjour {name},", "Bonjour {name}, merci pour votre message.", "Bonsoir {name},", "Chère cliente, cher client,"],
        AgentSignOffs =
        [
            "Bien cordialement,\n{agent}\nService client {shop}", "Belle journée,\n{agent}", "Cordialement,\n{agent}",
            "À bientôt,\n{agent} de l'équipe {shop}",
        ],
        OrderRefs = ["ma commande {n}", "ma commande n°{n}", "ma commande #{n}", "la commande {n}", "la commande numéro {n}"],
        OrderNumbers = ["{n}", "#{n}", "n°{n}"],
        Products =
        [
            new("le t-shirt", "le t-shirt", "du t-shirt", "t-shirt", "", "est", "il", "le", SizeKind.Clothing),
            new("le sweat à capuche", "le sweat à capuche", "du sweat à capuche", "sweat à capuche", "", "est", "il", "le", SizeKind.Clothing),
            new("les baskets", "les baskets", "des baskets", "baskets", "es", "sont", "elles", "les", SizeKind.Shoes),
            new("le jean", "le jean", "du jean", "jean", "", "est", "il", "le", SizeKind.Clothing),
            new("la veste", "la veste", "de la veste", "veste", "e", "est", "elle", "la", SizeKind.Clothing),
            new("la tasse", "la tasse", "de la tasse", "tasse", "e", "est", "elle", "la", SizeKind.None),
            new("le sac à dos", "le sac à dos", "du sac à dos", "sac à dos", "", "est", "il", "le", SizeKind.None),
            new("la gourde", "la gourde", "de la gourde", "gourde", "e", "est", "elle", "la", SizeKind.None),
            new("l'écharpe", "l'écharpe", "de l'écharpe", "écharpe", "e", "est", "elle", "la", SizeKind.None),
        ],
        Colors = ["noir", "bleu marine", "blanc", "gris", "vert olive", "beige", "rouge"],
        Weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        Addresses =
        [
            "12 rue des Lilas, 69003 Lyon", "5 avenue Victor Hugo, 75016 Paris", "27 boulevard de la Liberté, 59000 Lille",
            "3 chemin des Vignes, 33000 Bordeaux", "14 rue du Marché, 1204 Genève", "8 place Saint-Lambert, 4000 Liège",
        ],
        GenericSubjects = ["Bonjour", "Question", "Demande", "Aide", "Commande", "Info", "Renseignement"],
        UrgentSubjectPrefixes = ["URGENT : ", "Urgent - ", "URGENT - "],
        UrgencySentences =
        [
            "C'est urgent !",
            "Merci de me répondre au plus vite.",
            "URGENT, c'est pour un cadeau demain.",
            "J'ai besoin d'une réponse au plus vite, je pars en vacances {weekday}.",
            "C'est vraiment urgent, merci de faire au plus vite.",
        ],
        Asides =
        [
            "Au fait, avez-vous {product} en {color} ?",
            "D'ailleurs, mon code promo {code} n'a pas fonctionné non plus.",
            "Je vais aussi bientôt déménager, il faudra peut-être changer mon adresse.",
            "PS : est-ce que je peux encore retourner un article d'une ancienne commande ?",
            "Le carton était un peu abîmé d'ailleurs, mais le reste a l'air ok.",
            "Et quand aurez-vous de nouveau {product} en {color} ?",
        ],
        CustomerFollowUps =
        [
            "Avez-vous du nouveau ? Cela fait quelques jours maintenant.",
            "Merci pour la réponse rapide. Mon numéro de commande est le {onum}.",
            "Voici les photos que vous m'avez demandées.",
            "Je n'ai toujours pas de nouvelles, pourriez-vous revérifier ?",
            "D'accord, c'est fait mais rien n'a changé.",
            "Pardon, j'ai oublié de préciser : c'est {order}.",
            "Ça me va, vous pouvez y aller.",
            "Pourriez-vous me confirmer quand ce sera fait ?",
            "Combien de temps cela va prendre ?",
        ],
        CustomerThanks =
        [
            "Parfait, merci beaucoup !",
            "Super, merci pour votre aide {agent} !",
            "Merci, c'est tout ce qu'il me fallait.",
            "Génial, merci pour la réactivité.",
            "Merci, bonne journée !",
        ],
        AgentFollowUps =
        [
            "Merci pour votre réponse. J'ai transmis l'information à notre équipe logistique et je reviens vers vous dès que j'en sais plus.",
            "Merci pour ces informations ! J'ai mis à jour votre dossier, vous recevrez une confirmation par e-mail sous peu.",
            "J'ai revérifié et tout est en ordre de notre côté. Vous devriez voir une mise à jour sous 24 heures.",
            "Merci pour votre patience. J'ai transmis votre demande à ma collègue qui s'occupe de ce type de dossier.",
            "C'est noté, merci ! J'ai ajouté une note sur votre commande {onum}.",
        ],
        AgentClosings =
        [
            "Avec plaisir ! N'hésitez pas à revenir vers nous si besoin.",
            "Je vous en prie, belle journée !",
            "Ravie d'avoir pu vous aider. Profitez bien {prep} !",
            "Parfait, tout est réglé alors. À bientôt !",
        ],
        AgentExtras =
        [
            "Puis-je faire autre chose pour vous ?",
            "N'hésitez pas si vous avez d'autres questions.",
            "Merci de votre confiance envers {shop} !",
            "Belle journée à vous !",
        ],
        Intents = ByIntent<IntentPhrases>(
            orderStatus: new(
                Subjects: ["Où est ma commande ?", "Suivi commande {onum}", "Statut de ma commande", "Nouvelles de ma commande", "Ma commande"],
                Openings:
                [
                    "Où est ma commande ? Je l'ai passée {weekday} et je n'ai eu aucune nouvelle depuis.",
                    "Où est ma commande {onum} ? Le lien de suivi n'affiche rien.",
                    "Pouvez-vous me dire où est ma commande ? Il s'agit de {order}.",
                    "Je voudrais connaître le statut de ma commande {onum}. J'ai commandé {product} il y a {days} jours.",
                    "Où est ma commande ?? J'ai commandé il y a {days} jours et toujours pas de confirmation d'expédition.",
                    "Ma commande {onum} a-t-elle été expédiée ? Je n'ai pas reçu de numéro de suivi.",
                    "Où est ma commande {onum} ? Le suivi ne bouge plus depuis {weekday}.",
                    "Pourriez-vous me donner des nouvelles de {order} ?",
                    "J'attends toujours ma commande {onum}, où en est-elle ?",
                ],
                Paraphrases:
                [
                    "J'ai acheté {product} chez vous la semaine dernière et je ne sais pas du tout quand le colis va arriver.",
                    "Mon colis {shop} est-il parti ? Je guette la boîte aux lettres tous les jours.",
                    "Je n'ai jamais reçu d'e-mail d'expédition pour {order}. Est-ce que c'est parti ?",
                    "Quand est-ce que je peux espérer recevoir mon colis ? Commandé {weekday}.",
                ],
                AgentReplies:
                [
                    "J'ai vérifié votre commande {onum} : elle a quitté notre entrepôt {weekday}. Vous allez recevoir un e-mail de suivi très bientôt.",
                    "Désolée pour l'attente. Votre commande {onum} est emballée et partira dans les prochaines 24 heures.",
                    "J'ai regardé votre commande {onum} : elle est chez le transporteur et la livraison est prévue sous 2 à 3 jours ouvrés.",
                ]),
            @return: new(
                Subjects: ["Retour", "Demande de retour", "Retour commande {onum}", "Étiquette de retour", "Retour article"],
                Openings:
                [
                    "Je voudrais retourner {product} de {order}. Comment obtenir une étiquette de retour ?",
                    "Je souhaite faire un retour pour {order}, l'article ne me plaît pas.",
                    "Comment fonctionne le retour chez vous ? J'ai commandé {product} mais ça ne me convient pas.",
                    "Est-ce que je peux encore retourner {product} ? J'ai reçu le colis il y a {days} jours.",
                    "J'aimerais faire un retour : l'article ne correspond pas à la description.",
                    "Pouvez-vous m'envoyer une étiquette de retour pour {order} ? Je veux retourner {product}.",
                    "Un retour est-il possible si j'ai déjà ouvert l'emballage ?",
                    "Je souhaite retourner {product}. Les frais de retour sont-ils à ma charge ?",
                    "Quel est le délai pour un retour ? C'est pour {product}, dans {order}.",
                ],
                Paraphrases:
                [
                    "Finalement, je ne garde pas {product}. Où dois-je envoyer le colis ?",
                    "L'article ne me plaît pas du tout, comment je fais pour vous {itobj} renvoyer ?",
                    "Je voudrais vous réexpédier {product}, ce n'est pas ce que j'attendais.",
                    "Je n'ai pas envie de garder {product}. Que dois-je faire pour vous {itobj} rendre ?",
                ],
                AgentReplies:
                [
                    "Aucun problème ! Je vous ai envoyé par e-mail une étiquette de retour prépayée pour la commande {onum}. Il suffit de déposer le colis en point relais.",
                    "Bien sûr ! Vous disposez de 30 jours pour un retour. J'ai créé le retour pour vous, l'étiquette arrive par e-mail.",
                    "Avec plaisir. Merci de renvoyer {product} dans son état d'origine avec les étiquettes, nous traiterons le retour dès réception.",
                ]),
            refund: new(
                Subjects: ["Remboursement", "Remboursement commande {onum}", "Toujours pas remboursé", "Demande de remboursement", "Où est mon remboursement ?"],
                Openings:
                [
                    "J'ai renvoyé {product} il y a deux semaines et je n'ai toujours pas été remboursé.",
                    "Quand vais-je recevoir le remboursement de {order} ?",
                    "Je voudrais être remboursé pour {order}. Je ne suis pas satisfait {prep}.",
                    "Pouvez-vous me rembourser {product} ? J'ai été débité deux fois.",
                    "On m'a promis un remboursement sous 5 jours mais je n'ai toujours rien reçu ({order}).",
                    "Merci de rembourser ma commande {onum}, je l'ai annulée juste après l'avoir passée.",
                    "Où en est mon remboursement ? Votre entrepôt a reçu mon colis {weekday}.",
                    "J'attends toujours le remboursement de {order}. Pouvez-vous vérifier ?",
                    "Je n'ai toujours pas été remboursée pour {order}, c'est normal ?",
                ],
                Paraphrases:
                [
                    "J'ai renvoyé {product} il y a une éternité et l'argent n'est toujours pas revenu sur mon compte.",
                    "Votre entrepôt a bien reçu mon colis mais ma carte n'a pas été recréditée.",
                    "J'ai été débitée deux fois pour {order}. Pouvez-vous annuler un des paiements ?",
                    "Je voudrais récupérer mon argent pour {order}.",
                ],
                AgentReplies:
                [
                    "Désolée pour le délai. Votre colis a bien été reçu et je viens de lancer le remboursement de la commande {onum}. Comptez 3 à 5 jours ouvrés pour le voir sur votre compte.",
                    "Merci pour votre patience. Le remboursement de votre commande {onum} a été effectué aujourd'hui.",
                    "J'ai vérifié avec notre service comptable : votre remboursement est en cours. Votre banque peut mettre jusqu'à 5 jours ouvrés à le traiter.",
                ]),
            damaged: new(
                Subjects: ["Article endommagé", "Colis abîmé", "Produit cassé", "Problème avec ma commande", "Article défectueux"],
                Openings:
                [
                    "Ma commande est arrivée aujourd'hui mais {subj} {be} endommagé{agr}.",
                    "{Subj} {be} arrivé{agr} cassé{agr}. Pouvez-vous m'envoyer un remplacement ?",
                    "{Subj} {be} arrivé{agr} endommagé{agr}, le carton était complètement écrasé. Photos en pièce jointe.",
                    "J'ai reçu ma commande {onum} mais {subj} {be} cassé{agr}. Que puis-je faire ?",
                    "Malheureusement, le colis est arrivé endommagé et {subj} à l'intérieur {be} cassé{agr}.",
                    "{Subj} de ma commande {onum} {be} déjà cassé{agr} après une journée.",
                    "Je viens d'ouvrir mon colis : {subj} {be} abîmé{agr}. Je voudrais un remplacement.",
                    "L'article est arrivé endommagé, je vous joins des photos.",
                    "Le produit reçu est cassé, c'est vraiment décevant.",
                ],
                Paraphrases:
                [
                    "Il y a un gros défaut sur {product} que j'ai reçu{agr}.",
                    "Le colis avait l'air d'avoir été écrasé et le contenu est inutilisable.",
                    "{Subj} {be} en très mauvais état à l'ouverture du colis.",
                    "Gros problème avec {product}, je ne peux pas m'en servir dans cet état.",
                ],
                AgentReplies:
                [
                    "Je suis vraiment désolée ! Je vous envoie gratuitement un remplacement qui partira aujourd'hui. Inutile de nous renvoyer l'article endommagé.",
                    "C'est vraiment embêtant. Pourriez-vous nous envoyer une photo des dégâts ? Nous vous enverrons ensuite un remplacement ou un remboursement complet, comme vous préférez.",
                    "Toutes nos excuses ! J'ai signalé le problème au transporteur et le remplacement {prep} est déjà en route.",
                ]),
            exchange: new(
                Subjects: ["Échange", "Échange de taille", "Mauvaise taille", "Demande d'échange", "Échange {item}"],
                Openings:
                [
                    "Est-ce que je peux échanger {product} contre une taille {size2} ? Le {size} est trop petit.",
                    "Je voudrais échanger {product} de {order} contre une autre taille.",
                    "{Subj} {be} trop grand{agr}. Un échange en taille {size2} est-il possible ?",
                    "Un échange est-il possible ? J'ai commandé la taille {size} par erreur, il me faut du {size2}.",
                    "J'ai besoin d'une autre taille pour {product}. Comment se passe l'échange ?",
                    "Comment fonctionne un échange ? Je préférerais {product} en {color}.",
                    "J'ai commandé du {size} mais c'est trop serré. Puis-je échanger contre du {size2} ?",
                    "Pourriez-vous échanger {product} contre le même modèle en {color} ?",
                    "Échange svp : mauvaise taille, il me faut {product} en {size2}.",
                ],
                Paraphrases:
                [
                    "Ça me serre un peu. Vous pourriez m'envoyer le modèle juste au-dessus à la place ?",
                    "Je préférerais {product} en {color}. Je peux vous renvoyer mon article et recevoir l'autre couleur ?",
                    "{Subj} {be} trop petit{agr} pour moi, pourriez-vous m'envoyer le modèle au-dessus à la place ?",
                ],
                AgentReplies:
                [
                    "Bien sûr ! J'ai préparé l'échange en taille {size2}. Dès réception de votre colis, nous vous envoyons la nouvelle taille.",
                    "Avec plaisir, l'échange est gratuit. Vous avez reçu une étiquette par e-mail ; la taille {size2} partira dès que le colis sera scanné.",
                    "Bonne nouvelle : nous avons {product} en stock dans la taille souhaitée. Je vous en ai réservé un exemplaire.",
                ]),
            cancellation: new(
                Subjects: ["Annulation", "Annuler ma commande", "Résiliation abonnement", "Annulation commande {onum}", "Annuler"],
                Openings:
                [
                    "Merci d'annuler ma commande {onum}, je me suis trompé.",
                    "Je veux annuler ma commande, j'ai trouvé {product} moins cher ailleurs.",
                    "Est-il encore possible d'annuler {order} ? Je l'ai passée il y a une heure.",
                    "Je souhaite annuler mon abonnement. Merci de ne plus me prélever.",
                    "Merci de résilier mon abonnement et d'annuler les prochains envois.",
                    "Je dois annuler ma commande {onum}, j'ai choisi la mauvaise couleur.",
                    "Annulation svp : je n'ai plus besoin {prep} ({order}).",
                    "Comment annuler mon abonnement ? Je ne trouve pas l'option dans mon compte.",
                    "Pouvez-vous annuler {order} ? Je l'ai passée deux fois par erreur.",
                ],
                Paraphrases:
                [
                    "J'ai changé d'avis pour {order}, merci de ne pas l'expédier.",
                    "Je ne veux plus recevoir la box mensuelle, merci d'arrêter les envois.",
                    "J'ai cliqué deux fois sur acheter par erreur. Pouvez-vous n'envoyer qu'un seul colis ?",
                    "Finalement je ne veux plus {product}. Vous pouvez bloquer l'envoi ?",
                ],
                AgentReplies:
                [
                    "C'est fait ! J'ai annulé votre commande {onum}, vous serez intégralement remboursé(e) sous 3 à 5 jours ouvrés.",
                    "J'ai résilié votre abonnement, vous ne serez plus prélevé(e).",
                    "Malheureusement, votre commande {onum} était déjà expédiée. Vous pouvez refuser le colis ou nous le renvoyer gratuitement.",
                ]),
            addressChange: new(
                Subjects: ["Changement d'adresse", "Modifier mon adresse", "Erreur d'adresse", "Nouvelle adresse de livraison", "Adresse"],
                Openings:
                [
                    "Je dois changer mon adresse pour {order}. La nouvelle est : {address}.",
                    "Puis-je changer mon adresse de livraison ? J'ai déménagé. Nouvelle adresse : {address}",
                    "J'ai fait une erreur dans mon adresse. Pouvez-vous changer mon adresse en : {address} ?",
                    "Merci de changer mon adresse pour {order} : {address}",
                    "Je voudrais changer mon adresse avant l'expédition de ma commande.",
                    "Est-il trop tard pour changer mon adresse ? La bonne adresse est {address}.",
                    "Pourriez-vous changer mon adresse ? Je me suis trompé de numéro, c'est {address}.",
                    "Merci de modifier l'adresse de livraison de {order} : {address}",
                ],
                Paraphrases:
                [
                    "Je déménage la semaine prochaine, le colis peut-il partir au {address} à la place ?",
                    "Mauvaise rue sur {order} ! C'est {address}.",
                    "Pouvez-vous faire livrer {order} à mon bureau ? {address}",
                ],
                AgentReplies:
                [
                    "Pas de souci, j'ai mis à jour l'adresse de livraison de votre commande {onum}.",
                    "J'ai modifié l'adresse pour vous. Le colis est encore dans notre entrepôt, il partira directement à la nouvelle adresse.",
                    "Malheureusement, la commande {onum} a déjà été remise au transporteur. J'ai demandé une redirection et je reviens vers vous dès que possible.",
                ]),
            discount: new(
                Subjects: ["Code promo", "Code promo invalide", "Code {code}", "Réduction non appliquée", "Question code promo"],
                Openings:
                [
                    "Mon code promo {code} ne fonctionne pas au moment de payer.",
                    "J'ai oublié d'utiliser mon code promo {code} pour {order}. Pouvez-vous encore l'appliquer ?",
                    "Le code promo {code} est-il toujours valable ? Il est indiqué comme expiré.",
                    "Le code promo de votre newsletter ne marche pas.",
                    "Pourrais-je avoir un code promo pour ma prochaine commande ? C'est mon troisième achat.",
                    "J'ai saisi le code promo {code} mais la réduction n'a pas été appliquée.",
                    "Avez-vous un code promo en ce moment ?",
                    "Le code promo {code} affiche un message d'erreur. Vous pouvez m'aider ?",
                ],
                Paraphrases:
                [
                    "Je me suis inscrite à la newsletter mais je n'ai jamais reçu les 10 % promis.",
                    "Le bon d'achat {code} ne baisse pas le prix dans mon panier.",
                    "Vous faites une remise pour les étudiants ? J'aimerais bien acheter {product}.",
                ],
                AgentReplies:
                [
                    "Désolée ! Le code {code} a expiré la semaine dernière, mais je vous ai remboursé la réduction sur votre commande {onum}.",
                    "Merci de nous l'avoir signalé. Voici un nouveau code pour vous : MERCI15, valable sur votre prochaine commande.",
                    "Le code n'est malheureusement pas cumulable avec les articles soldés. À titre exceptionnel, je vous ai remboursé les 10 %.",
                ]),
            shippingDelay: new(
                Subjects: ["Retard de livraison", "Colis toujours pas arrivé", "Livraison en retard", "Retard commande {onum}", "Livraison"],
                Openings:
                [
                    "Il y a un retard de livraison ? Ma commande {onum} devait arriver {weekday}.",
                    "Mon colis n'est toujours pas arrivé, j'ai commandé il y a {days} jours.",
                    "Pourquoi ma livraison est-elle en retard ? Le suivi n'a pas bougé depuis {days} jours.",
                    "Ma commande {onum} n'est toujours pas arrivée et la date prévue est dépassée.",
                    "Encore un retard de livraison pour ma commande. Le transporteur repousse sans arrêt la date.",
                    "Cela fait plus de deux semaines et ma commande n'est toujours pas arrivée.",
                    "Le suivi indique un retard de livraison. Savez-vous ce qui se passe avec {order} ?",
                    "Votre site annonçait 3 à 5 jours mais après {days} jours ma commande n'est toujours pas arrivée.",
                ],
                Paraphrases:
                [
                    "Le suivi de ma commande {onum} est bloqué au centre de tri depuis {weekday}.",
                    "Je commence à m'inquiéter, le colis avec {product} aurait dû arriver la semaine dernière.",
                    "Livraison prévue {weekday}, toujours rien. Le transporteur a des problèmes ?",
                ],
                AgentReplies:
                [
                    "Je suis vraiment désolée pour ce retard. Le transporteur rencontre des difficultés dans votre région. J'ai ouvert une enquête et je reviens vers vous sous 48 heures.",
                    "Toutes nos excuses pour l'attente ! Votre colis est de nouveau en route et devrait être livré sous 2 jours ouvrés.",
                    "Merci pour votre patience. Si votre commande {onum} n'est pas arrivée d'ici {weekday}, dites-le-moi et nous vous renverrons un colis gratuitement.",
                ]),
            productQuestion: new(
                Subjects: ["Question produit", "Disponibilité", "Question taille", "Renseignement", "Question sur {product}"],
                Openings:
                [
                    "Avez-vous {product} en {color} ?",
                    "Est-ce que la taille est standard ? Je fais habituellement du {size} et j'hésite pour {product}.",
                    "Petite question sur {product} : en quelle matière {be}-{it} ?",
                    "Savez-vous quand vous aurez de nouveau {product} en stock en taille {size} ?",
                    "Livrez-vous en Suisse ? J'aimerais commander {product}.",
                    "J'ai une question concernant {product} : avez-vous un guide des tailles ?",
                    "{Subj} {be}-{it} encore en stock ? Le site indique qu'il n'en reste que 2.",
                    "Y a-t-il une garantie sur {product} ?",
                ],
                Paraphrases:
                [
                    "Je voudrais offrir {product}. Combien de temps prend l'envoi en général ?",
                    "Quelles sont les dimensions exactes {prep} ? Les photos ne permettent pas de se rendre compte.",
                    "Avant de commander : {product} en {color}, ça revient bientôt ?",
                ],
                AgentReplies:
                [
                    "Bonne question ! Nos articles taillent normalement, nous vous conseillons de prendre votre taille habituelle ({size}).",
                    "Oui ! Nous avons {product} en {color}, vous le trouverez directement sur la fiche produit.",
                    "Nous attendons un réassort d'ici deux semaines. Je peux vous prévenir par e-mail dès que le produit sera de nouveau disponible.",
                ]),
            complaint: new(
                Subjects: ["Réclamation", "Très déçu", "Mécontent", "Service inacceptable", "Réclamation officielle"],
                Openings:
                [
                    "Je suis très déçu de votre service. C'est la troisième fois que je vous écris.",
                    "C'est inacceptable. J'attends une réponse concernant {order} depuis une semaine.",
                    "Je souhaite déposer une réclamation concernant le traitement de ma commande.",
                    "Service client lamentable. Personne ne répond au téléphone et mes e-mails sont ignorés.",
                    "Je suis vraiment déçue de la qualité {prep}. Ça ne vaut pas son prix.",
                    "Je voudrais faire une réclamation officielle contre votre transporteur.",
                    "Honnêtement, la pire expérience d'achat de ma vie. Tout s'est mal passé avec {order}.",
                    "Très déçu. L'article ne ressemble pas du tout aux photos du site.",
                ],
                Paraphrases:
                [
                    "Je suis cliente fidèle depuis des années mais je commence sérieusement à penser à aller voir ailleurs.",
                    "Votre livreur a laissé mon colis sous la pluie et a été désagréable quand je lui ai posé la question.",
                    "Personne n'a répondu à mes trois derniers e-mails. Quelqu'un les lit-il vraiment ?",
                ],
                AgentReplies:
                [
                    "Je suis sincèrement désolée et je comprends tout à fait votre mécontentement. J'ai transmis votre dossier à notre responsable et ajouté un avoir de 20 % sur votre compte.",
                    "Merci pour votre message sincère. Ce n'est pas le niveau de service que nous visons. Je prends personnellement votre dossier en charge.",
                    "Je suis désolée de vous avoir déçu(e). En geste commercial, je vous ai remboursé les frais de port.",
                ]),
            spam: new(
                Subjects: ["Proposition de collaboration", "Partenariat avec {shop}", "Référencement de votre site", "Augmentez vos ventes", "Offre spéciale"],
                Openings:
                [
                    "Bonjour l'équipe {shop},\n\nJe suis influenceuse avec 90 000 abonnés sur Instagram et j'adorerais collaborer avec vous. Seriez-vous intéressés par un partenariat rémunéré ?\n\nBelle journée,\n{name}",
                    "Madame, Monsieur,\n\nVotre site n'apparaît pas en première page de Google. Notre agence SEO vous garantit le top 3 en 30 jours.\n\nCordialement,\n{name}",
                    "Bonjour,\n\nGagnez jusqu'à 2 000 € par semaine grâce au trading de cryptomonnaies. Notre robot s'occupe de tout. Inscrivez-vous maintenant !\n\n{name}",
                    "Bonjour,\n\nNous aidons les boutiques en ligne comme {shop} à tripler leur chiffre d'affaires grâce à l'e-mailing automatisé. Auriez-vous 15 minutes cette semaine ?\n\n{name}",
                    "Proposition de collaboration : nous aimerions présenter {shop} dans notre guide cadeaux. L'emplacement ne coûte que 99 €.\n\n{name}",
                    "Bonjour, nous proposons des backlinks de qualité et des articles sponsorisés à partir de 49 €. Intéressé ?",
                    "Félicitations ! Votre boutique a été sélectionnée pour un crédit publicitaire gratuit de 500 €. Profitez-en dès maintenant.",
                    "Bonjour, fabricant de textiles et de sacs à prix usine. Minimum de commande 50 pièces. Catalogue sur demande.\n\n{name}",
                ],
                Paraphrases: [],
                AgentReplies: [])),
    };
}
