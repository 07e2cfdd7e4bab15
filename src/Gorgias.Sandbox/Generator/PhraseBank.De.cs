namespace Gorgias.Sandbox.Generator;

internal sealed partial class PhraseBank
{
    internal static readonly PhraseBank German = new()
    {
        Language = Lang.De,
        CustomerGreetings =
        [
            "Hallo,", "Guten Tag,", "Hallo {shop}-Team,", "Hi,", "Sehr geehrte Damen und Herren,", "Moin,", "", "Liebes {shop}-Team,", "",
        ],
        CustomerSignOffs =
        [
            "Danke,\n{name}", "Viele Grüße\n{name}", "Mit freundlichen Grüßen\n{name}", "LG {name}", "Gruß\n{name}",
            "Von meinem iPhone gesendet", "Danke im Voraus!\n{name}", "",
        ],
        AgentGreetings = ["Hallo {name},", "Guten Tag {name},", "Hi {name},", "Hallo {name}, vielen Dank für Ihre Nachricht!"],
        AgentSignOffs =
        [
            "Viele Grüße\n{agent}\n{shop} Kundenservice", "Beste Grüße\n{agent}", "Liebe Grüße\n{agent} vom {shop}-Team",
            "Freundliche Grüße\n{agent}\nIhr {shop}-Team",
        ],
        OrderRefs = ["Bestellung {n}", "Bestellung Nr. {n}", "Bestellung #{n}", "#{n}", "Bestellnummer {n}", "Bestellung {n}"],
        OrderNumbers = ["{n}", "#{n}", "Nr. {n}"],
        Products =
        [
            new("das T-Shirt", "das T-Shirt", "dem T-Shirt", "T-Shirt", "", "ist", "es", "es", SizeKind.Clothing),
            new("den Hoodie", "der Hoodie", "dem Hoodie", "Hoodie", "", "ist", "er", "ihn", SizeKind.Clothing),
            new("die Sneaker", "die Sneaker", "den Sneakern", "Sneaker", "", "sind", "sie", "sie", SizeKind.Shoes),
            new("die Jeans", "die Jeans", "der Jeans", "Jeans", "", "ist", "sie", "sie", SizeKind.Clothing),
            new("die Jacke", "die Jacke", "der Jacke", "Jacke", "", "ist", "sie", "sie", SizeKind.Clothing),
            new("die Tasse", "die Tasse", "der Tasse", "Tasse", "", "ist", "sie", "sie", SizeKind.None),
            new("den Rucksack", "der Rucksack", "dem Rucksack", "Rucksack", "", "ist", "er", "ihn", SizeKind.None),
            new("die Trinkflasche", "die Trinkflasche", "der Trinkflasche", "Trinkflasche", "", "ist", "sie", "sie", SizeKind.None),
            new("die Mütze", "die Mütze", "der Mütze", "Mütze", "", "ist", "sie", "sie", SizeKind.None),
        ],
        Colors = ["Schwarz", "Navy", "Weiß", "Grau", "Olivgrün", "Beige", "Rot"],
        Weekdays = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        Addresses =
        [
            "Hauptstraße 12, 10115 Berlin", "Lindenweg 4, 80331 München", "Gartenstraße 27a, 50667 Köln",
            "Bahnhofstrasse 8, 8001 Zürich", "Mozartgasse 3, 1010 Wien", "Am Markt 5, 20095 Hamburg",
        ],
        GenericSubjects = ["Hilfe", "Frage", "Hallo", "Anfrage", "Bestellung", "Kundenservice", "Problem"],
        UrgentSubjectPrefixes = ["DRINGEND: ", "Dringend: ", "Dringend - "],
        UrgencySentences =
        [
            "Es ist dringend!",
            "Bitte melden Sie sich sofort.",
            "Das ist wirklich dringend, es ist ein Geschenk für morgen.",
            "DRINGEND - bitte um schnelle Antwort.",
            "Ich brauche sofort eine Lösung.",
            "Bitte dringend antworten, ich fahre am {weekday} in den Urlaub.",
        ],
        Asides =
        [
            "Ach ja, haben Sie {product} auch in {color}?",
            "Übrigens hat mein Rabattcode {code} auch nicht funktioniert.",
            "Außerdem ziehe ich bald um, vielleicht muss ich meine Adresse ändern.",
            "PS: Kann ich auch noch etwas aus einer älteren Bestellung zurückschicken?",
            "Der Karton war übrigens etwas eingedrückt, aber sonst scheint alles okay.",
            "Wann gibt es {product} eigentlich wieder in {color}?",
        ],
        CustomerFollowUps =
        [
            "Gibt es schon etwas Neues? Es sind jetzt ein paar Tage vergangen.",
            "Danke für die schnelle Antwort. Meine Bestellnummer ist {onum}.",
            "Hier sind die Fotos, um die Sie gebeten haben.",
            "Ich habe noch nichts gehört, könnten Sie bitte nochmal nachsehen?",
            "Okay, habe ich gemacht, aber es hat sich nichts geändert.",
            "Sorry, ich hatte vergessen zu erwähnen: es geht um {order}.",
            "Das passt, bitte machen Sie das so.",
            "Könnten Sie mir kurz Bescheid geben, wenn es erledigt ist?",
            "Wie lange dauert das ungefähr?",
        ],
        CustomerThanks =
        [
            "Super, vielen Dank!",
            "Perfekt, danke für Ihre Hilfe, {agent}!",
            "Danke, das war alles.",
            "Toll, vielen Dank für die schnelle Hilfe.",
            "Vielen Dank, schönen Tag noch!",
        ],
        AgentFollowUps =
        [
            "Danke für Ihre Rückmeldung. Ich habe das an unser Lagerteam weitergegeben und melde mich, sobald ich mehr weiß.",
            "Vielen Dank für die Infos! Ich habe Ihr Anliegen aktualisiert, Sie erhalten in Kürze eine Bestätigung per E-Mail.",
            "Ich habe nochmal nachgesehen, auf unserer Seite ist jetzt alles erledigt. Sie sollten innerhalb von 24 Stunden ein Update sehen.",
            "Danke für Ihre Geduld. Ich habe den Fall an meine Kollegin weitergeleitet, die solche Fälle betreut.",
            "Alles klar, danke! Ich habe mir das zu {order} notiert.",
        ],
        AgentClosings =
        [
            "Sehr gerne! Melden Sie sich jederzeit, wenn Sie noch etwas brauchen.",
            "Gern geschehen! Einen schönen Tag noch.",
            "Freut mich, dass wir helfen konnten. Viel Freude mit {prep}!",
            "Prima, dann ist alles geklärt. Bis bald!",
        ],
        AgentExtras =
        [
            "Kann ich sonst noch etwas für Sie tun?",
            "Melden Sie sich gerne, wenn Sie noch Fragen haben.",
            "Danke, dass Sie bei {shop} einkaufen!",
            "Einen schönen Tag noch!",
        ],
        Intents = ByIntent<IntentPhrases>(
            orderStatus: new(
                Subjects: ["Wo bleibt meine Bestellung?", "Status Bestellung {onum}", "Sendungsverfolgung {order}", "Frage zu meiner Bestellung", "Meine Bestellung"],
                Openings:
                [
                    "Wo bleibt meine Bestellung? Ich habe am {weekday} bestellt und seitdem nichts mehr gehört.",
                    "Wo bleibt meine Bestellung {onum}? Der Link zur Sendungsverfolgung zeigt nichts an.",
                    "Können Sie mir sagen, wo meine Bestellung ist? Es geht um {order}.",
                    "Ich wollte nach dem Status meiner Bestellung {onum} fragen. Ich habe vor {days} Tagen {product} bestellt.",
                    "Wo bleibt meine Bestellung?? Ich habe vor {days} Tagen bestellt und noch keine Versandbestätigung bekommen.",
                    "Wurde meine Bestellung {onum} schon verschickt? Ich habe noch keine Sendungsnummer.",
                    "Wo bleibt meine Bestellung {onum}? Laut Tracking ist seit {weekday} nichts passiert.",
                    "Wie ist der aktuelle Stand meiner Bestellung ({order})?",
                    "Ich warte auf meine Bestellung {onum}. Wo bleibt sie denn?",
                ],
                Paraphrases:
                [
                    "Ich habe letzte Woche {product} bei Ihnen gekauft und weiß nicht, wann das Paket kommt.",
                    "Ist mein Paket von {shop} schon unterwegs? Ich schaue jeden Tag in den Briefkasten.",
                    "Ich habe nie eine Versand-E-Mail zu {order} bekommen. Ist das Paket raus?",
                    "Wann kann ich mit meinem Paket rechnen? Bestellt habe ich am {weekday}.",
                ],
                AgentReplies:
                [
                    "Ich habe {order} geprüft: Das Paket hat unser Lager am {weekday} verlassen. Sie erhalten in Kürze eine E-Mail mit der Sendungsverfolgung.",
                    "Entschuldigen Sie bitte die Wartezeit. Ihre Bestellung {onum} ist bereits verpackt und wird innerhalb der nächsten 24 Stunden verschickt.",
                    "Ich habe nachgesehen: {order} ist beim Versanddienstleister und wird voraussichtlich in 2-3 Werktagen zugestellt.",
                ]),
            @return: new(
                Subjects: ["Rücksendung", "Rücksendung {order}", "Retoure", "Rücksendeetikett", "Rückgabe"],
                Openings:
                [
                    "Ich möchte {product} aus {order} zurückschicken. Wie bekomme ich ein Rücksendeetikett?",
                    "Ich möchte eine Rücksendung für {order} anmelden. Der Artikel gefällt mir leider nicht.",
                    "Wie funktioniert die Rücksendung bei Ihnen? Ich habe {product} bestellt, bin aber nicht zufrieden.",
                    "Kann ich {product} noch zurückschicken? Ich habe die Lieferung vor {days} Tagen erhalten.",
                    "Ich würde gerne eine Rücksendung starten. {Subj} {be} nicht wie erwartet.",
                    "Bitte schicken Sie mir ein Retourenlabel für {order}, ich möchte {product} zurücksenden.",
                    "Ist eine Rücksendung auch möglich, wenn die Verpackung schon geöffnet ist?",
                    "Ich möchte {product} zurückgeben. Muss ich die Rücksendung selbst bezahlen?",
                    "Wie lange habe ich Zeit für eine Rücksendung? Es geht um {product} aus {order}.",
                ],
                Paraphrases:
                [
                    "{Subj} {be} leider nichts für mich. Wohin kann ich das Paket schicken?",
                    "Ich behalte {product} nicht. Was muss ich tun, damit die Ware wieder zu Ihnen kommt?",
                    "Ich möchte die Ware wieder an Sie senden, sie entspricht nicht meinen Vorstellungen.",
                    "Ich bin mit {prep} nicht zufrieden und will {itobj} loswerden. Wie läuft das bei Ihnen?",
                ],
                AgentReplies:
                [
                    "Kein Problem! Ich habe Ihnen ein kostenloses Rücksendeetikett für {order} per E-Mail geschickt. Bitte verpacken Sie {product} in der Originalverpackung.",
                    "Selbstverständlich! Sie haben 30 Tage Rückgaberecht. Ich habe die Rücksendung für Sie angelegt, das Etikett kommt per E-Mail.",
                    "Gerne helfe ich Ihnen dabei. Bitte senden Sie {product} unbenutzt und mit Etikett zurück, wir bearbeiten die Retoure direkt nach Eingang.",
                ]),
            refund: new(
                Subjects: ["Erstattung", "Rückerstattung {order}", "Geld zurück", "Wo bleibt meine Erstattung?", "Rückzahlung"],
                Openings:
                [
                    "Ich habe {product} vor zwei Wochen zurückgeschickt und noch keine Erstattung erhalten.",
                    "Wann bekomme ich die Rückerstattung für {order}?",
                    "Ich hätte gerne mein Geld zurück für {order}. Ich bin mit {prep} nicht zufrieden.",
                    "Können Sie mir den Betrag für {product} erstatten? Ich wurde doppelt belastet.",
                    "Mir wurde eine Erstattung innerhalb von 5 Tagen versprochen, aber bisher ist nichts angekommen ({order}).",
                    "Bitte erstatten Sie mir {order}, ich habe die Bestellung direkt nach dem Kauf storniert.",
                    "Wo bleibt meine Erstattung? Ihr Lager hat meine Rücksendung am {weekday} erhalten.",
                    "Ich warte immer noch auf die Rückerstattung für {order}. Können Sie das bitte prüfen?",
                    "Ich möchte mein Geld zurück. {Subj} {be} nicht wie beschrieben.",
                ],
                Paraphrases:
                [
                    "Ich habe {product} schon vor Ewigkeiten an Sie geschickt und der Betrag ist immer noch nicht auf meinem Konto.",
                    "Ihr Lager hat mein Paket bestätigt, aber auf meiner Kreditkarte ist noch keine Gutschrift.",
                    "Für {order} wurde mir zweimal abgebucht. Können Sie eine Zahlung rückgängig machen?",
                    "Wann wird der Betrag für {order} wieder auf mein PayPal-Konto überwiesen?",
                ],
                AgentReplies:
                [
                    "Entschuldigen Sie die Verzögerung. Ihre Rücksendung ist bei uns eingegangen und ich habe die Erstattung für {order} soeben veranlasst. Es kann 3-5 Werktage dauern, bis der Betrag auf Ihrem Konto ist.",
                    "Vielen Dank für Ihre Geduld. Die Rückerstattung für {order} wurde heute bearbeitet.",
                    "Ich habe mit unserer Buchhaltung gesprochen: Ihre Erstattung ist unterwegs. Bitte rechnen Sie mit bis zu 5 Werktagen Bearbeitungszeit durch Ihre Bank.",
                ]),
            damaged: new(
                Subjects: ["Ware beschädigt", "Artikel kaputt angekommen", "Beschädigte Lieferung", "Problem mit {order}", "Defekt"],
                Openings:
                [
                    "Meine Bestellung ist heute angekommen, aber {subj} {be} beschädigt.",
                    "{Subj} {be} leider kaputt angekommen. Können Sie mir Ersatz schicken?",
                    "{Product} habe ich beschädigt erhalten, der Karton war total eingedrückt. Fotos anbei.",
                    "Ich habe {order} erhalten, aber {subj} {be} kaputt. Was kann ich tun?",
                    "Leider ist das Paket beschädigt angekommen und {subj} darin {be} kaputt.",
                    "{Subj} aus {order} {be} nach einem Tag schon defekt.",
                    "Ich habe gerade mein Paket geöffnet: {subj} {be} beschädigt. Ich hätte gerne Ersatz.",
                    "Die Ware ist beschädigt bei mir angekommen, Fotos hänge ich an.",
                    "{Subj} {be} kaputt. So kann ich {itobj} nicht benutzen.",
                ],
                Paraphrases:
                [
                    "An {prep} ist ein großer Riss, das war schon beim Auspacken so.",
                    "Das Paket sah aus, als hätte jemand darauf gesessen, und {subj} {be} hinüber.",
                    "Mit {prep} stimmt etwas nicht, {it} {be} in einem schlechten Zustand angekommen.",
                    "{Subj} {be} unbrauchbar, so kann ich das nicht verwenden.",
                ],
                AgentReplies:
                [
                    "Das tut mir sehr leid! Ich habe Ihnen kostenlos Ersatz geschickt, der heute noch rausgeht. Den beschädigten Artikel müssen Sie nicht zurückschicken.",
                    "Das ist natürlich ärgerlich. Könnten Sie uns ein Foto des Schadens schicken? Dann senden wir Ihnen Ersatz oder erstatten den vollen Betrag, ganz wie Sie möchten.",
                    "Entschuldigung dafür! Ich habe den Schaden beim Versanddienstleister gemeldet, und Ersatz für {product} ist bereits unterwegs.",
                ]),
            exchange: new(
                Subjects: ["Umtausch", "Umtausch Größe", "Falsche Größe", "Umtausch {order}", "Größe tauschen"],
                Openings:
                [
                    "Kann ich {product} gegen Größe {size2} umtauschen? {size} ist zu klein.",
                    "Ich möchte {product} aus {order} in eine andere Größe umtauschen.",
                    "{Subj} {be} zu groß. Ist ein Umtausch in Größe {size2} möglich?",
                    "Ist ein Umtausch möglich? Ich habe aus Versehen Größe {size} bestellt und brauche {size2}.",
                    "Ich brauche {product} in einer anderen Größe. Wie funktioniert der Umtausch?",
                    "Wie läuft ein Umtausch ab? Ich hätte {product} lieber in {color}.",
                    "Ich habe Größe {size} bestellt, aber {it} {be} zu eng. Kann ich auf {size2} umtauschen?",
                    "Könnten Sie {product} gegen das gleiche Modell in {color} umtauschen?",
                    "Umtausch bitte: falsche Größe, ich brauche {product} in {size2}.",
                ],
                Paraphrases:
                [
                    "{Subj} {be} mir etwas zu klein. Könnten Sie mir eine Nummer größer schicken?",
                    "Ich hätte {product} lieber in {color}. Kann ich das hier zurückgeben und die andere Farbe bekommen?",
                    "{Subj} {be} mir zu weit, ich bräuchte eine Nummer kleiner.",
                ],
                AgentReplies:
                [
                    "Natürlich! Ich habe den Umtausch in Größe {size2} für Sie angelegt. Sobald Ihre Rücksendung bei uns eingeht, schicken wir die neue Größe los.",
                    "Sehr gerne, der Umtausch ist kostenlos. Sie haben ein Rücksendeetikett per E-Mail erhalten, die Größe {size2} verschicken wir, sobald Ihr Paket eingescannt wurde.",
                    "Gute Nachrichten: Wir haben {product} in der gewünschten Größe auf Lager. Ich habe ein Exemplar für Sie reserviert.",
                ]),
            cancellation: new(
                Subjects: ["Stornierung", "Bestellung stornieren", "Abo kündigen", "Kündigung", "Storno {order}"],
                Openings:
                [
                    "Bitte stornieren Sie meine Bestellung {onum}. Ich habe aus Versehen bestellt.",
                    "Ich möchte meine Bestellung stornieren, ich habe {product} woanders günstiger gefunden.",
                    "Kann ich {order} noch stornieren? Ich habe erst vor einer Stunde bestellt.",
                    "Ich möchte mein Abo kündigen. Bitte buchen Sie nichts mehr ab.",
                    "Bitte kündigen Sie mein Abonnement zum nächstmöglichen Termin.",
                    "Ich muss {order} stornieren, ich habe die falsche Farbe gewählt.",
                    "Stornierung bitte: ich brauche {product} nicht mehr ({order}).",
                    "Wie kann ich mein Abo kündigen? Ich finde die Option in meinem Konto nicht.",
                    "Könnten Sie {order} stornieren? Ich habe versehentlich doppelt bestellt.",
                ],
                Paraphrases:
                [
                    "Ich habe es mir anders überlegt, bitte verschicken Sie {order} nicht.",
                    "Bitte keine weiteren Lieferungen der Monatsbox mehr an mich.",
                    "Ich habe versehentlich zweimal auf Kaufen geklickt. Bitte nur ein Paket versenden.",
                    "Ich will {product} doch nicht mehr. Können Sie den Versand noch aufhalten?",
                ],
                AgentReplies:
                [
                    "Erledigt! Ich habe {order} storniert, Sie erhalten den vollen Betrag innerhalb von 3-5 Werktagen zurück.",
                    "Ich habe Ihr Abo gekündigt, es werden keine weiteren Zahlungen abgebucht.",
                    "Leider war {order} schon verschickt, als Ihre Nachricht ankam. Sie können die Annahme verweigern oder das Paket kostenlos zurückschicken.",
                ]),
            addressChange: new(
                Subjects: ["Adresse ändern", "Adressänderung", "Falsche Lieferadresse", "Neue Adresse für {order}", "Lieferadresse"],
                Openings:
                [
                    "Ich muss die Adresse für {order} ändern. Die neue Adresse lautet: {address}.",
                    "Kann ich meine Lieferadresse noch ändern? Ich bin umgezogen. Neue Adresse: {address}",
                    "Ich habe mich bei der Adresse vertippt. Können Sie die Adresse ändern auf {address}?",
                    "Bitte Adresse ändern für {order}: {address}",
                    "Ich möchte meine Adresse ändern, bevor die Bestellung verschickt wird.",
                    "Ist es zu spät, die Adresse für {order} zu ändern? Richtig wäre: {address}",
                    "Können Sie meine Adresse ändern? Die Hausnummer ist falsch, es muss {address} heißen.",
                    "Bitte die Lieferadresse für {order} auf {address} ändern.",
                ],
                Paraphrases:
                [
                    "Ich ziehe nächste Woche um, kann das Paket stattdessen an {address} gehen?",
                    "Falsche Straße bei {order}! Richtig ist {address}.",
                    "Können Sie {order} an mein Büro umleiten? {address}",
                ],
                AgentReplies:
                [
                    "Kein Problem, ich habe die Lieferadresse für {order} aktualisiert.",
                    "Ich habe die Adresse für Sie geändert. Das Paket ist noch in unserem Lager und geht direkt an die neue Adresse.",
                    "Leider wurde {order} bereits an den Versanddienstleister übergeben. Ich habe eine Umleitung beantragt und melde mich, sobald ich Rückmeldung habe.",
                ]),
            discount: new(
                Subjects: ["Rabattcode funktioniert nicht", "Rabattcode", "Gutschein {code}", "Frage zum Rabatt", "Code {code}"],
                Openings:
                [
                    "Mein Rabattcode {code} funktioniert an der Kasse nicht.",
                    "Ich habe vergessen, meinen Rabattcode {code} bei {order} einzulösen. Geht das noch nachträglich?",
                    "Ist der Rabattcode {code} noch gültig? Es heißt, er sei abgelaufen.",
                    "Der Rabattcode aus Ihrem Newsletter funktioniert nicht.",
                    "Bekomme ich einen Rabattcode für meine nächste Bestellung? Das ist schon mein dritter Einkauf.",
                    "Ich habe den Rabattcode {code} eingegeben, aber der Rabatt wurde nicht abgezogen.",
                    "Haben Sie gerade einen Rabattcode oder eine Aktion?",
                    "Beim Rabattcode {code} kommt eine Fehlermeldung. Können Sie helfen?",
                ],
                Paraphrases:
                [
                    "Ich habe mich für den Newsletter angemeldet, aber die versprochenen 10 % nie bekommen.",
                    "Der Gutschein {code} wird im Warenkorb nicht abgezogen.",
                    "Gibt es einen Studentenrabatt? Ich hätte gerne {product}.",
                ],
                AgentReplies:
                [
                    "Entschuldigung! Der Code {code} ist leider letzte Woche abgelaufen, aber ich habe Ihnen den Rabatt nachträglich für {order} erstattet.",
                    "Danke für den Hinweis. Hier ist ein neuer Code für Sie: DANKE15, damit sparen Sie 15 % bei Ihrer nächsten Bestellung.",
                    "Der Code ist leider nicht mit reduzierten Artikeln kombinierbar. Ausnahmsweise habe ich Ihnen die 10 % auf Ihr Zahlungsmittel zurückerstattet.",
                ]),
            shippingDelay: new(
                Subjects: ["Lieferverzögerung", "Paket noch nicht angekommen", "Lieferung verspätet", "Verspätung {order}", "Lieferung"],
                Openings:
                [
                    "Gibt es eine Lieferverzögerung? Meine Bestellung {onum} sollte am {weekday} ankommen.",
                    "Mein Paket ist immer noch nicht angekommen, die Bestellung ist schon {days} Tage her.",
                    "Warum verzögert sich meine Lieferung? Die Sendungsverfolgung hat sich seit {days} Tagen nicht bewegt.",
                    "{Order} ist immer noch nicht angekommen und das Lieferdatum ist längst vorbei.",
                    "Meine Lieferung ist schon wieder verspätet. Der Zustelltermin wird ständig verschoben.",
                    "Es sind über zwei Wochen vergangen und meine Bestellung ist immer noch nicht angekommen.",
                    "Im Tracking steht Lieferverzögerung. Wissen Sie, was mit {order} los ist?",
                    "Auf Ihrer Website stand 3-5 Werktage, aber nach {days} Tagen ist {order} immer noch nicht angekommen.",
                ],
                Paraphrases:
                [
                    "Die Sendungsverfolgung für {order} hängt seit {weekday} im Paketzentrum fest.",
                    "Langsam mache ich mir Sorgen, das Paket mit {prep} hätte letzte Woche schon da sein sollen.",
                    "Voraussichtliche Zustellung war am {weekday}, bisher nichts. Hat der Paketdienst Probleme?",
                ],
                AgentReplies:
                [
                    "Es tut mir sehr leid wegen der Verzögerung. Der Versanddienstleister hat in Ihrer Region gerade einen Rückstau. Ich habe einen Nachforschungsauftrag gestellt und melde mich innerhalb von 48 Stunden.",
                    "Entschuldigen Sie die Wartezeit! Ihr Paket ist wieder unterwegs und sollte in den nächsten 2 Werktagen ankommen.",
                    "Danke für Ihre Geduld. Falls {order} bis {weekday} nicht angekommen ist, geben Sie mir Bescheid, dann schicken wir kostenlos Ersatz.",
                ]),
            productQuestion: new(
                Subjects: ["Frage: {item}", "Produktfrage", "Größenfrage", "Verfügbarkeit", "Kurze Frage"],
                Openings:
                [
                    "Haben Sie {product} auch in {color}?",
                    "Fällt die Größe normal aus? Ich trage normalerweise {size} und möchte {product} bestellen.",
                    "Kurze Frage zu {prep}: Aus welchem Material {be} {it}?",
                    "Wann {be} {subj} in Größe {size} wieder auf Lager?",
                    "Liefern Sie auch in die Schweiz? Ich würde gerne {product} bestellen.",
                    "Ich habe eine Frage zu {prep}: Gibt es eine Größentabelle?",
                    "{Be} {subj} noch auf Lager? Auf der Website steht nur noch 2 Stück.",
                    "Gibt es auf {product} eine Garantie?",
                ],
                Paraphrases:
                [
                    "Ich möchte {product} verschenken. Wie lange dauert der Versand normalerweise?",
                    "Wie groß {be} {subj} genau? Auf den Fotos sieht man das nicht gut.",
                    "Bevor ich bestelle: Gibt es {product} bald wieder in {color}?",
                ],
                AgentReplies:
                [
                    "Gute Frage! Unsere Größen fallen normal aus, wir empfehlen Ihre übliche Größe {size}.",
                    "Ja! {Subj} {be} auch in {color} erhältlich, Sie finden die Farbe direkt auf der Produktseite.",
                    "Wir erwarten in den nächsten zwei Wochen Nachschub. Ich kann Sie gerne per E-Mail benachrichtigen, sobald {subj} wieder verfügbar {be}.",
                ]),
            complaint: new(
                Subjects: ["Beschwerde", "Sehr enttäuscht", "Unzufrieden", "Reklamation", "Beschwerde über Ihren Service"],
                Openings:
                [
                    "Ich bin sehr enttäuscht von Ihrem Service. Das ist schon das dritte Mal, dass ich Ihnen schreibe.",
                    "Das ist inakzeptabel. Ich warte seit einer Woche auf eine Antwort zu {order}.",
                    "Ich möchte mich offiziell über die Abwicklung meiner Bestellung beschweren.",
                    "Unmöglicher Service. Niemand geht ans Telefon und meine E-Mails werden ignoriert.",
                    "Ich bin wirklich enttäuscht von der Qualität. Für {product} ist der Preis eine Frechheit.",
                    "Hiermit reiche ich eine Beschwerde über Ihren Versanddienstleister ein.",
                    "Ehrlich gesagt das schlechteste Einkaufserlebnis, das ich je hatte. Mit {order} lief alles schief.",
                    "Sehr enttäuscht. Der Artikel sieht überhaupt nicht aus wie auf den Fotos.",
                ],
                Paraphrases:
                [
                    "Ich bin seit Jahren treue Kundin, aber so langsam überlege ich, woanders einzukaufen.",
                    "Ihr Zusteller hat mein Paket im Regen stehen lassen und war dann auch noch unfreundlich.",
                    "Auf meine letzten drei E-Mails hat niemand geantwortet. Liest die überhaupt jemand?",
                ],
                AgentReplies:
                [
                    "Es tut mir aufrichtig leid, und ich verstehe Ihren Ärger vollkommen. Ich habe Ihren Fall an unsere Teamleitung weitergegeben und Ihnen ein Guthaben von 20 % gutgeschrieben.",
                    "Vielen Dank für Ihr ehrliches Feedback. Das entspricht nicht unserem Anspruch. Ich kümmere mich ab jetzt persönlich um Ihr Anliegen.",
                    "Es tut mir leid, dass wir Sie enttäuscht haben. Als kleine Entschuldigung habe ich Ihnen die Versandkosten erstattet.",
                ]),
            spam: new(
                Subjects: ["Kooperationsanfrage", "Zusammenarbeit mit {shop}", "SEO für Ihren Shop", "Mehr Umsatz für {shop}", "Ihr Werbeguthaben"],
                Openings:
                [
                    "Hallo {shop}-Team,\n\nich bin Influencerin mit 80.000 Followern auf Instagram und würde gerne mit Ihnen zusammenarbeiten. Hätten Sie Interesse an einer Kooperation?\n\nLiebe Grüße\n{name}",
                    "Sehr geehrte Damen und Herren,\n\nIhre Website ist bei Google nicht auf Seite 1. Mit unserer SEO-Optimierung bringen wir Sie in 30 Tagen nach oben, garantiert!\n\nMit freundlichen Grüßen\n{name}",
                    "Guten Tag,\n\nverdienen Sie bis zu 3.000 € pro Woche mit Krypto-Trading. Unser Bot erledigt alles automatisch. Jetzt registrieren!\n\n{name}",
                    "Hallo,\n\nwir helfen Onlineshops wie {shop}, ihren Umsatz mit KI-gestütztem E-Mail-Marketing zu verdreifachen. Haben Sie diese Woche 15 Minuten für ein kurzes Gespräch?\n\nBeste Grüße\n{name}",
                    "Kooperationsanfrage: Wir würden {shop} gerne in unserem Geschenkeguide vorstellen. Die Platzierung kostet nur 99 €.\n\n{name}",
                    "Hallo, wir bieten hochwertige Backlinks und Gastartikel auf deutschen Blogs ab 49 €. Interesse?",
                    "Herzlichen Glückwunsch! Ihr Shop wurde für ein kostenloses Werbeguthaben von 500 € ausgewählt. Jetzt einlösen.",
                    "Guten Tag, wir sind Hersteller von Textilien und Taschen zu Fabrikpreisen. Mindestbestellmenge 50 Stück. Katalog auf Anfrage.\n\n{name}",
                ],
                Paraphrases: [],
                AgentReplies: [])),
    };
}
