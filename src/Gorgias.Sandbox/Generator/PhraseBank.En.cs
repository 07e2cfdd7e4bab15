namespace Gorgias.Sandbox.Generator;

internal sealed partial class PhraseBank
{
    /// <summary>Internal notes (always English, agent-only), indexed by <see cref="Intent"/>.</summary>
    internal static readonly string[][] InternalNotes = ByIntent<string[]>(
        orderStatus:
        [
            "Checked Shopify, parcel stuck at carrier hub",
            "Label created but not scanned yet - chased warehouse",
            "Tracking shows out for delivery today",
            "Fulfilment delayed, stock arrived late from supplier",
        ],
        @return:
        [
            "Return label sent via returns portal",
            "Outside 30-day window but approving as goodwill",
            "Customer already returned twice this year, fine to approve",
        ],
        refund:
        [
            "Refund issued in Shopify, waiting for bank",
            "Return received at warehouse on {weekday}, OK to refund",
            "Duplicate charge confirmed in Stripe",
        ],
        damaged:
        [
            "Photos received, damage confirmed - replacement created",
            "Opened claim with carrier",
            "Another damaged {item} this week, flag packaging to warehouse",
        ],
        exchange:
        [
            "Size {size2} in stock, reserved one",
            "Exchange created, waiting for return scan",
            "Only 2 left in {size2} - ship as soon as return is scanned",
        ],
        cancellation:
        [
            "Order not yet fulfilled - cancelled in Shopify",
            "Already shipped, can't cancel. Offered free return",
            "Subscription cancelled in Recharge",
        ],
        addressChange:
        [
            "Updated address in Shopify before fulfilment",
            "Already with carrier, requested redirect",
            "Address verified on maps, postcode was wrong",
        ],
        discount:
        [
            "Code expired on the 1st, applied manually",
            "Code excluded on sale items, partial refund as goodwill",
            "Sent one-off 15% code",
        ],
        shippingDelay:
        [
            "Checked Shopify, parcel stuck at carrier hub",
            "Carrier backlog in region, opened investigation",
            "If not delivered by {weekday}, reship",
        ],
        productQuestion:
        [
            "Asked warehouse for exact measurements",
            "Restock ETA from supplier: 2 weeks",
            "Forwarded to product team",
        ],
        complaint:
        [
            "VIP customer - escalate to team lead",
            "Customer has contacted us 4 times, handle with care",
            "Offered 20% store credit, approved by manager",
        ],
        spam: ["Spam, closing"]);

    internal static readonly PhraseBank English = new()
    {
        Language = Lang.En,
        CustomerGreetings =
        [
            "Hi,", "Hello,", "Hi there,", "Hello {shop} team,", "Hey,", "Good morning,", "", "Dear {shop},", "Hi {shop},", "",
        ],
        CustomerSignOffs =
        [
            "Thanks,\n{name}", "Thank you!\n{name}", "Best,\n{name}", "{name}", "Cheers,\n{name}", "Regards,\n{name}",
            "Sent from my iPhone", "Thanks in advance,\n{name}", "",
        ],
        AgentGreetings = ["Hi {name},", "Hello {name},", "Dear {name},", "Hi {name}, thanks for reaching out!", "Hey {name},", "Hi {name}, thanks for your message."],
        AgentSignOffs =
        [
            "Best regards,\n{agent}\n{shop} Customer Care", "Kind regards,\n{agent}", "Cheers,\n{agent} from {shop}",
            "Thanks,\n{agent}\n{shop} Support", "All the best,\n{agent}",
        ],
        OrderRefs = ["order #{n}", "order {n}", "order no. {n}", "#{n}", "order number {n}", "order #{n}"],
        OrderNumbers = ["#{n}", "{n}", "#{n}"],
        Products =
        [
            new("the t-shirt", "the t-shirt", "the t-shirt", "t-shirt", "", "is", "it", "it", SizeKind.Clothing),
            new("the hoodie", "the hoodie", "the hoodie", "hoodie", "", "is", "it", "it", SizeKind.Clothing),
            new("the sneakers", "the sneakers", "the sneakers", "sneakers", "", "are", "they", "them", SizeKind.Shoes),
            new("the jeans", "the jeans", "the jeans", "jeans", "", "are", "they", "them", SizeKind.Clothing),
            new("the jacket", "the jacket", "the jacket", "jacket", "", "is", "it", "it", SizeKind.Clothing),
            new("the mug", "the mug", "the mug", "mug", "", "is", "it", "it", SizeKind.None),
            new("the backpack", "the backpack", "the backpack", "backpack", "", "is", "it", "it", SizeKind.None),
            new("the water bottle", "the water bottle", "the water bottle", "water bottle", "", "is", "it", "it", SizeKind.None),
            new("the beanie", "the beanie", "the beanie", "beanie", "", "is", "it", "it", SizeKind.None),
        ],
        Colors = ["black", "navy", "white", "grey", "olive green", "beige", "red"],
        Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        Addresses =
        [
            "42 Oak Street, Leeds LS1 4AB", "17 Maple Avenue, Bristol BS8 1QU", "5 Station Road, Flat 3, Manchester M1 2AB",
            "221 Pine Street, Portland, OR 97204", "88 King Street West, Toronto ON M5H 1J9", "9 Harbour View, Dublin D02 XY45",
        ],
        GenericSubjects = ["Question", "Help", "Hello", "Hi", "Order", "Support request", "Inquiry", "(no subject)"],
        UrgentSubjectPrefixes = ["URGENT: ", "Urgent - ", "ASAP: "],
        UrgencySentences =
        [
            "This is urgent!",
            "Please reply ASAP.",
            "I need this sorted immediately.",
            "URGENT - please help.",
            "Please treat this as urgent, it's a birthday present for tomorrow.",
            "I need an answer ASAP, I'm leaving on holiday on {weekday}.",
        ],
        Asides =
        [
            "Also, do you have the {item} in {color}?",
            "By the way, my discount code {code} didn't work either.",
            "Oh, and I might need to change my address soon, I'm moving next month.",
            "P.S. Can I still return something from an older order?",
            "Also, the box was a bit crushed, but everything else seems fine.",
            "On another note, when will you restock the {item}?",
        ],
        CustomerFollowUps =
        [
            "Any update on this? It's been a few days.",
            "Thanks for the quick reply. My order number is {onum}.",
            "Here are the photos you asked for.",
            "I haven't heard back yet, could you check again?",
            "OK, I did that but nothing changed.",
            "Sorry, I forgot to mention it's {order}.",
            "That's fine, please go ahead.",
            "Could you confirm once it's done?",
            "I already sent you the details yesterday.",
            "Thanks. How long will it take?",
        ],
        CustomerThanks =
        [
            "Perfect, thank you so much!",
            "Great, thanks for your help {agent}!",
            "Thanks, that's all I needed.",
            "Awesome, much appreciated.",
            "Thank you, have a nice day!",
        ],
        AgentFollowUps =
        [
            "Thanks for getting back to me. I've passed this on to our warehouse team and will update you as soon as I hear back.",
            "Thank you for the details! I've updated your ticket and you'll receive a confirmation email shortly.",
            "I've checked again and everything is now in order on our side. You should see an update within 24 hours.",
            "Thanks for your patience. I've handed this over to my colleague who looks after these cases.",
            "Got it, thanks! I've added a note to {order}.",
        ],
        AgentClosings =
        [
            "You're very welcome! Don't hesitate to reach out if you need anything else.",
            "Happy to help! Have a great day.",
            "My pleasure, enjoy your {item}!",
            "Glad we could sort this out. Take care!",
        ],
        AgentExtras =
        [
            "Let me know if there's anything else I can help with.",
            "Is there anything else I can do for you?",
            "Thanks for shopping with {shop}!",
            "Have a lovely day!",
        ],
        Intents = ByIntent<IntentPhrases>(
            orderStatus: new(
                Subjects: ["Where is my order?", "Order status {onum}", "Tracking for {order}", "Order update?", "My order"],
                Openings:
                [
                    "Where is my order? I placed {order} on {weekday} and haven't received any update since.",
                    "Where is my order {onum}? The tracking link doesn't show anything.",
                    "Can you tell me where my order is? It's {order}.",
                    "I'd like to know the status of my order {onum}. I ordered {product} {days} days ago.",
                    "Where is my order?? I ordered {product} {days} days ago and still no shipping confirmation.",
                    "Has my order shipped yet? Order number {onum}. I haven't received a tracking number.",
                    "Where is my order {onum}? The tracking says label created but nothing since {weekday}.",
                    "Just checking on the status of {order} - has it been sent out yet?",
                    "I'm still waiting for my order {onum}. Where is my order right now?",
                ],
                Paraphrases:
                [
                    "I bought {product} from you last week and I have no idea when it's coming. Any news?",
                    "I've been checking my mailbox every day for my package from {shop}. Is it on its way?",
                    "I never got a shipping email for {order}. Did it go out?",
                    "When can I expect my parcel? I ordered {product} on {weekday}.",
                ],
                AgentReplies:
                [
                    "I've checked {order} and it left our warehouse on {weekday}. You should receive a tracking email shortly.",
                    "Sorry for the wait. Your order {onum} has been packed and is scheduled to ship within the next 24 hours. I'll send you the tracking number as soon as it's available.",
                    "I've looked into {order}: it's currently with the carrier and the estimated delivery is in 2-3 business days.",
                ]),
            @return: new(
                Subjects: ["Return request", "Return {onum}", "How do I return an item?", "Return label", "Returning {product}"],
                Openings:
                [
                    "I'd like to return {product} from {order}. How do I get a return label?",
                    "I want to return {product}, not what I expected. What's your return policy?",
                    "How can I return an item? I ordered {product} but changed my mind.",
                    "Can I still return {product}? I received the parcel {days} days ago.",
                    "I'd like to start a return for {order}. The {item} just isn't for me.",
                    "Please send me a return label for {order}, I want to send back {product}.",
                    "Is it possible to return {product} if I've already opened the package?",
                    "I want to return my {item}. Do I need to pay for return shipping?",
                    "How long do I have to return {product}? It's from {order}.",
                ],
                Paraphrases:
                [
                    "{Subj} {be} not for me. How do I send {itobj} back to you?",
                    "I'm not keeping {product}. Where should I ship {itobj}?",
                    "I'd like to mail {product} back to you, it's not what I expected.",
                    "Got {product} today and I don't like {itobj} at all. What's the process to get {itobj} back to you?",
                ],
                AgentReplies:
                [
                    "No problem at all! I've emailed you a prepaid return label for {order}. Just pack {product} in its original packaging and drop it off at any post office.",
                    "Of course! You have 30 days to return items. I've started the return for you - you'll receive the label by email within the hour.",
                    "Happy to help with that. Please return {product} unused and with the tags attached, and we'll process it as soon as it reaches our warehouse.",
                ]),
            refund: new(
                Subjects: ["Refund", "Refund for {order}", "Still waiting for my refund", "Refund status", "Money back?"],
                Openings:
                [
                    "I returned {product} two weeks ago and I still haven't received my refund.",
                    "When will I get my refund for {order}?",
                    "I'd like a refund for {order}, please. I'm not happy with {product}.",
                    "Can you refund me for {product}? I was charged twice.",
                    "I was told I'd be refunded within 5 days but nothing has come through yet ({order}).",
                    "Please refund my order {onum}. I cancelled it right after placing it.",
                    "Where is my refund? Your warehouse received my return on {weekday}.",
                    "I'm still waiting for the refund on {order}. Can you check what's going on?",
                    "Could you process a refund for {order}? {Subj} {be} not as described.",
                ],
                Paraphrases:
                [
                    "I sent {product} back to you ages ago and the money still isn't on my card.",
                    "I want my money back for {order}.",
                    "Your warehouse confirmed receiving my parcel but my bank account hasn't been credited.",
                    "I was charged twice for {order}. Can you reverse one of the payments?",
                ],
                AgentReplies:
                [
                    "Sorry about the delay. I can see your return was received, and I've just issued the refund for {order}. It may take 3-5 business days to appear on your statement.",
                    "Thanks for your patience. The refund for {order} has been processed today and should show on your account within a few days.",
                    "I've checked with our finance team and your refund is on its way. Please allow up to 5 business days for your bank to process it.",
                ]),
            damaged: new(
                Subjects: ["Damaged item", "Broken {item}", "Item arrived damaged", "Problem with {order}", "Damaged parcel"],
                Openings:
                [
                    "My order arrived today and {subj} {be} damaged.",
                    "{Subj} I received {be} broken. Can you send a replacement?",
                    "{Product} arrived damaged - the box was completely crushed. Photos attached.",
                    "I received {order} but {subj} {be} broken. What can I do?",
                    "Unfortunately {subj} arrived damaged, please see the attached pictures.",
                    "{Subj} from {order} {be} already broken after one day.",
                    "The package was damaged in transit and {subj} inside {be} broken.",
                    "I just opened my parcel and {subj} {be} damaged. I'd like a replacement.",
                    "My {item} came broken. This is really disappointing.",
                ],
                Paraphrases:
                [
                    "{Subj} I got {be} faulty right out of the box.",
                    "The parcel looked like someone had sat on it, and {subj} inside {be} ruined.",
                    "{Subj} {be} in terrible condition, I can't use {itobj} like this.",
                    "Opened the box and there's a big crack / tear on {product}. Not happy.",
                ],
                AgentReplies:
                [
                    "I'm so sorry {subj} arrived damaged! I've arranged a free replacement which will ship today. No need to send the damaged item back.",
                    "That's really not the experience we want for you. Could you send us a photo of the damage? Once we have it, I'll send a replacement or a full refund, whichever you prefer.",
                    "Apologies for this! I've reported the damage to the carrier and a replacement for {product} is on its way.",
                ]),
            exchange: new(
                Subjects: ["Exchange", "Size exchange", "Wrong size", "Exchange for {order}", "Exchange {item}"],
                Openings:
                [
                    "Can I exchange {product} for a size {size2}? The {size} is too small.",
                    "I'd like to exchange {product} from {order} for a different size.",
                    "{Subj} {be} too big. Could I exchange {itobj} for size {size2}?",
                    "Is it possible to exchange my {item} for a {size2}? I ordered {size} by mistake.",
                    "I need a different size for {product}. Can we do an exchange?",
                    "How does an exchange work? I want {product} in {color} instead.",
                    "I ordered size {size} but {it} {be} too tight. Can I swap for {size2}?",
                    "Could you exchange {product} for the same model in {color}?",
                    "I'd like to exchange {product} - wrong size, I need a {size2}.",
                ],
                Paraphrases:
                [
                    "{Subj} {be} too small for me. Could you send me the next one up instead?",
                    "I'd prefer {product} in {color}. Can I send this one back and get that colour?",
                    "{Subj} {be} way too loose on me, could I get the smaller one instead?",
                ],
                AgentReplies:
                [
                    "Of course! I've set up an exchange for size {size2}. Once you send back {product}, we'll ship the new size straight away.",
                    "Absolutely, exchanges are free. I've emailed you a return label - the replacement in {size2} will ship as soon as we scan the parcel.",
                    "Good news, we have {product} in stock in the size you need. I've reserved one for you and sent the exchange instructions by email.",
                ]),
            cancellation: new(
                Subjects: ["Cancel order", "Cancel my order {onum}", "Cancel subscription", "Cancellation", "Please cancel"],
                Openings:
                [
                    "Please cancel my order {onum}. I ordered by mistake.",
                    "I want to cancel my order - I found {product} cheaper elsewhere.",
                    "Can I still cancel {order}? I just placed it an hour ago.",
                    "I'd like to cancel my subscription. Please don't charge me again.",
                    "Please cancel my subscription before the next billing date.",
                    "I need to cancel my order {onum}, I picked the wrong colour.",
                    "Cancel my order please. I don't need {product} anymore.",
                    "How do I cancel my subscription? I can't find the option in my account.",
                    "Could you cancel {order}? I placed it twice by accident.",
                ],
                Paraphrases:
                [
                    "I changed my mind about {order}, please don't ship it.",
                    "Please stop my monthly box, I don't want any more deliveries.",
                    "I clicked buy twice by accident. Could you make sure only one parcel goes out?",
                    "I no longer want {product}. Can you stop it before it ships?",
                ],
                AgentReplies:
                [
                    "Done! I've cancelled {order} and you'll receive a full refund within 3-5 business days.",
                    "I've cancelled your subscription, so you won't be charged again.",
                    "I'm sorry, {order} had already shipped before we got your message. You can refuse the delivery or return it free of charge once it arrives.",
                ]),
            addressChange: new(
                Subjects: ["Change of address", "Wrong address on {order}", "Update shipping address", "Address change", "New address"],
                Openings:
                [
                    "I need to change my address for {order}. The new one is {address}.",
                    "Can I change my shipping address? I've moved. New address: {address}",
                    "I made a mistake in my address. Please change it to {address}.",
                    "Please change my address on {order} to {address}.",
                    "I'd like to change my delivery address before my order ships.",
                    "Is it too late to change my address for {order}? Correct one: {address}",
                    "Could you change my address? I typed the wrong house number. It should be {address}.",
                    "Please update the shipping address for {order} to {address}.",
                ],
                Paraphrases:
                [
                    "I'm moving next week, could my parcel go to {address} instead?",
                    "Wrong street on {order}! It should be {address}.",
                    "Can you redirect {order} to my office? {address}",
                ],
                AgentReplies:
                [
                    "No problem, I've updated the shipping address on {order} to the new one you provided.",
                    "I've changed the address for you. The parcel hasn't left our warehouse yet, so it will go straight to the new address.",
                    "Unfortunately {order} has already been handed to the carrier, so I can't change it on our side. I've asked the carrier to redirect the parcel and will keep you posted.",
                ]),
            discount: new(
                Subjects: ["Discount code not working", "Discount code", "Promo code {code}", "Coupon issue", "Code {code}"],
                Openings:
                [
                    "My discount code {code} isn't working at checkout.",
                    "I forgot to use my discount code {code} on {order}. Can you still apply it?",
                    "Is the discount code {code} still valid? It says it's expired.",
                    "The discount code from your newsletter doesn't work.",
                    "Can I get a discount code for my next order? This is my third purchase.",
                    "I tried the code {code} but the discount wasn't applied to {product}.",
                    "Do you have any discount codes at the moment?",
                    "Your discount code {code} gives an error message. Can you help?",
                ],
                Paraphrases:
                [
                    "I signed up for the newsletter but never got the 10% off. Can you send it?",
                    "The {code} voucher doesn't reduce the price in my cart.",
                    "Is there a student promo? I'd love to get {product}.",
                ],
                AgentReplies:
                [
                    "Sorry about that! It looks like {code} expired last week, but I've applied the discount manually to {order} and refunded the difference.",
                    "Thanks for letting us know. I've created a new code for you: THANKS15. It gives you 15% off your next order.",
                    "I've checked and the code can't be combined with sale items, which is why it didn't apply. I've refunded the 10% to your original payment method as a one-off.",
                ]),
            shippingDelay: new(
                Subjects: ["Delivery delayed", "Still not arrived", "Late delivery {onum}", "Where is my parcel", "Delayed order"],
                Openings:
                [
                    "My order {onum} is delayed. It was supposed to arrive on {weekday}.",
                    "My package still hasn't arrived, it's been {days} days since I ordered.",
                    "Why is my delivery delayed? The tracking hasn't moved for {days} days.",
                    "My parcel for {order} still hasn't arrived and the estimated delivery date has passed.",
                    "My order is delayed again. The carrier keeps pushing the delivery date.",
                    "It's been over two weeks and my order still hasn't arrived.",
                    "The tracking says delivery delayed. Do you know what's happening with {order}?",
                    "Your website said 3-5 days but {order} still hasn't arrived after {days} days.",
                ],
                Paraphrases:
                [
                    "The tracking for {order} has been stuck at the sorting center since {weekday}.",
                    "I'm starting to worry, {product} should have been here last week.",
                    "Estimated delivery was {weekday}, nothing yet. Is the carrier having problems?",
                ],
                AgentReplies:
                [
                    "I'm really sorry for the delay. The carrier is experiencing a backlog in your area. I've opened an investigation and will update you within 48 hours.",
                    "Apologies for the wait! Your parcel is moving again and should be delivered within the next 2 business days.",
                    "Thanks for your patience. If {order} hasn't arrived by {weekday}, let me know and I'll send a replacement free of charge.",
                ]),
            productQuestion: new(
                Subjects: ["Question about the {item}", "Product question", "{Item} sizing", "Stock question", "Quick question"],
                Openings:
                [
                    "Do you have {product} in {color}?",
                    "Is {subj} true to size? I'm usually a {size}.",
                    "Quick question about {product}: what material {be} {it} made of?",
                    "When will {product} be back in stock in size {size}?",
                    "Do you ship to Switzerland? I'd like to order {product}.",
                    "I have a question about {product} - is there a size guide?",
                    "Is {subj} still in stock? The website says only 2 left.",
                    "Is there a warranty on {product}?",
                ],
                Paraphrases:
                [
                    "Thinking about buying {product} as a gift. How long does shipping usually take?",
                    "How big {be} {subj} exactly? The pictures don't really show it.",
                    "Before I order: will {product} in {color} be available again soon?",
                ],
                AgentReplies:
                [
                    "Great question! {Subj} {be} true to size, so we'd recommend your usual size {size}.",
                    "Yes, we do! {Subj} {be} available in {color} - you'll find it on the product page.",
                    "We expect a restock within the next two weeks. I can notify you by email as soon as {subj} {be} back if you like.",
                ]),
            complaint: new(
                Subjects: ["Complaint", "Very disappointed", "Unacceptable service", "Formal complaint", "Not happy"],
                Openings:
                [
                    "I'm very disappointed with your service. This is the third time I've had to write to you.",
                    "This is unacceptable. I've been waiting for an answer about {order} for a week.",
                    "I want to make a complaint about the way my order was handled.",
                    "Terrible service. Nobody answers the phone and my emails are ignored.",
                    "I'm really disappointed with the quality of {product}. It's not worth the price.",
                    "I'd like to file a formal complaint about your delivery partner.",
                    "Honestly the worst customer experience I've ever had. {order} has been a disaster from start to finish.",
                    "Very disappointed. The {item} looked nothing like the photos on your website.",
                ],
                Paraphrases:
                [
                    "I've been a loyal customer for years but I'm seriously thinking about shopping elsewhere.",
                    "Your courier left my parcel in the rain and was rude when I asked about it.",
                    "Nobody has replied to my last three emails. Is anyone actually reading these?",
                ],
                AgentReplies:
                [
                    "I'm truly sorry about your experience, and I completely understand your frustration. I've escalated this to our customer care lead and added a 20% credit to your account.",
                    "Thank you for your honest feedback. This is not the standard we hold ourselves to. I've personally taken over your case and will make sure it's resolved.",
                    "I'm sorry we let you down. I've shared your feedback with our team, and as a gesture of goodwill I've refunded your shipping costs.",
                ]),
            spam: new(
                Subjects:
                [
                    "Collaboration opportunity", "Partnership proposal for {shop}", "Quick question", "Boost your sales by 300%",
                    "Your website ranking", "Guest post offer", "Claim your free ad credit", "UGC videos for {shop}", "Business proposal",
                ],
                Openings:
                [
                    "Hi {shop} team,\n\nI came across your store and loved your products! I'm an influencer with 120k followers on Instagram and I'd like to propose a collaboration. Let me know if you're interested in a paid partnership.\n\nBest,\n{name}",
                    "Hello,\n\nI noticed your website is not ranking on the first page of Google for your main keywords. Our SEO team can get you to #1 in 30 days, guaranteed. Reply YES for a free audit.\n\nRegards,\n{name}\nSenior SEO Consultant",
                    "Dear Sir/Madam,\n\nInvest in our new token before the exchange listing and earn up to 40% per week. Limited spots available. Click the link to claim your crypto bonus.\n\n{name}",
                    "Hi,\n\nWe help online stores like {shop} triple their revenue with AI-powered email marketing. Do you have 15 minutes for a quick call this week?\n\nCheers,\n{name}",
                    "Collaboration offer: we'd love to feature {shop} in our holiday gift guide. The placement fee is only $99. Interested?\n\n{name}",
                    "Hello {shop},\n\nAre you looking for high quality backlinks? We offer guest posts on DA 70+ sites starting at $49.\n\nThanks,\n{name}",
                    "CONGRATULATIONS! Your store has been selected for a free $500 ad credit. Claim it now before it expires.",
                    "Hi there, I'm a UGC creator and would love to make some videos for {shop}. My rates start at $150 per video. Portfolio on request!\n\n{name}",
                    "Hello, we are a manufacturer of t-shirts, hoodies and bags with factory prices. MOQ 50 pieces. Contact us on WhatsApp for the catalogue.",
                    "Your Facebook page has been reported for copyright violation. Verify your account within 24 hours to avoid suspension: meta-support-verify.help",
                    "Hey, want more 5-star reviews? We can deliver 100 verified reviews for your store this week. Special price for {shop}!",
                    "Hi {shop} team, I'd like to buy your business or your domain name. Are you open to offers?\n\n{name}",
                    "Dear partner,\n\nWe offer dropshipping from our EU warehouse with 3-day delivery. Let's collaborate and grow together!\n\n{name}",
                    "Accept Bitcoin and other crypto payments on {shop} with zero fees. Book a free demo today.\n\n{name}, Head of Partnerships",
                ],
                Paraphrases: [],
                AgentReplies: [])),
    };
}
