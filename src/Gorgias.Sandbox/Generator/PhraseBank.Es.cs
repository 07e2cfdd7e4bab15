namespace Gorgias.Sandbox.Generator;

internal sealed partial class PhraseBank
{
    internal static readonly PhraseBank Spanish = new()
    {
        Language = Lang.Es,
        CustomerGreetings =
        [
            "Hola,", "Buenas,", "Hola equipo de {shop},", "Buenos días,", "Estimados señores:", "", "Buenas tardes,", "",
        ],
        CustomerSignOffs =
        [
            "Gracias,\n{name}", "Saludos,\n{name}", "Un saludo,\n{name}", "Muchas gracias,\n{name}", "{name}",
            "Enviado desde mi iPhone", "Gracias de antemano,\n{name}", "",
        ],
        AgentGreetings = ["Hola {name},", "Buenos días, {name}:", "Hola {name}, gracias por escribirnos.", "¡Hola {name}!"],
        AgentSignOffs =
        [
            "Un saludo,\n{agent}\nAtención al cliente de {shop}", "Saludos cordiales,\n{agent}", "Un abrazo,\n{agent} del equipo de {shop}",
            "Gracias,\n{agent}",
        ],
        OrderRefs = ["pedido {n}", "pedido #{n}", "pedido n.º {n}", "pedido número {n}", "#{n}", "pedido {n}"],
        OrderNumbers = ["{n}", "#{n}", "n.º {n}"],
        Products =
        [
            new("la camiseta", "la camiseta", "de la camiseta", "camiseta", "a", "está", "ella", "la", SizeKind.Clothing),
            new("la sudadera", "la sudadera", "de la sudadera", "sudadera", "a", "está", "ella", "la", SizeKind.Clothing),
            new("las zapatillas", "las zapatillas", "de las zapatillas", "zapatillas", "as", "están", "ellas", "las", SizeKind.Shoes),
            new("los vaqueros", "los vaqueros", "de los vaqueros", "vaqueros", "os", "están", "ellos", "los", SizeKind.Clothing),
            new("la chaqueta", "la chaqueta", "de la chaqueta", "chaqueta", "a", "está", "ella", "la", SizeKind.Clothing),
            new("la taza", "la taza", "de la taza", "taza", "a", "está", "ella", "la", SizeKind.None),
            new("la mochila", "la mochila", "de la mochila", "mochila", "a", "está", "ella", "la", SizeKind.None),
            new("el termo", "el termo", "del termo", "termo", "o", "está", "él", "lo", SizeKind.None),
            new("el bolso", "el bolso", "del bolso", "bolso", "o", "está", "él", "lo", SizeKind.None),
        ],
        Colors = ["negro", "azul marino", "blanco", "gris", "verde oliva", "beige", "rojo"],
        Weekdays = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        Addresses =
        [
            "Calle Mayor 8, 28013 Madrid", "Avenida Diagonal 405, 08008 Barcelona", "Calle Larios 12, 29005 Málaga",
            "Plaza del Ayuntamiento 3, 46002 Valencia", "Calle Sierpes 21, 41004 Sevilla", "Calle Gran Vía 30, 48009 Bilbao",
        ],
        GenericSubjects = ["Hola", "Consulta", "Ayuda", "Pedido", "Pregunta", "Información", "Duda"],
        UrgentSubjectPrefixes = ["URGENTE: ", "Urgente - ", "¡URGENTE! "],
        UrgencySentences =
        [
            "¡Es urgente!",
            "Por favor, respondedme lo antes posible.",
            "URGENTE: es un regalo para mañana.",
            "Necesito una solución lo antes posible, me voy de viaje el {weekday}.",
            "Es muy urgente, gracias.",
        ],
        Asides =
        [
            "Por cierto, ¿tenéis {product} en {color}?",
            "Además, mi código de descuento {code} tampoco funcionó.",
            "También me mudo pronto, puede que tenga que cambiar mi dirección.",
            "PD: ¿puedo devolver todavía algo de un pedido anterior?",
            "La caja venía un poco aplastada, por cierto, pero lo demás parece bien.",
            "¿Y cuándo volveréis a tener {product} en {color}?",
        ],
        CustomerFollowUps =
        [
            "¿Hay alguna novedad? Ya han pasado unos días.",
            "Gracias por la respuesta rápida. Mi número de pedido es {onum}.",
            "Aquí tenéis las fotos que me pedisteis.",
            "Todavía no sé nada, ¿podéis mirarlo otra vez?",
            "Vale, lo he hecho pero no ha cambiado nada.",
            "Perdón, se me olvidó decir que es el {order}.",
            "Me parece bien, adelante.",
            "¿Me podéis confirmar cuando esté hecho?",
            "¿Cuánto tiempo tardará más o menos?",
        ],
        CustomerThanks =
        [
            "¡Perfecto, muchas gracias!",
            "¡Genial, gracias por tu ayuda, {agent}!",
            "Gracias, eso era todo.",
            "Estupendo, gracias por la rapidez.",
            "¡Muchas gracias, buen día!",
        ],
        AgentFollowUps =
        [
            "Gracias por tu respuesta. Se lo he pasado al equipo del almacén y te escribo en cuanto sepa algo.",
            "¡Gracias por los datos! He actualizado tu caso y en breve recibirás una confirmación por correo.",
            "Lo he vuelto a revisar y por nuestra parte ya está todo listo. Deberías ver novedades en 24 horas.",
            "Gracias por tu paciencia. He pasado tu caso a mi compañera, que se encarga de estos temas.",
            "¡Anotado, gracias! He dejado una nota en el {order}.",
        ],
        AgentClosings =
        [
            "¡De nada! Escríbenos cuando quieras si necesitas algo más.",
            "¡Un placer! Que tengas un buen día.",
            "Me alegro de haberte ayudado. ¡Disfruta {prep}!",
            "Perfecto, entonces queda todo resuelto. ¡Hasta pronto!",
        ],
        AgentExtras =
        [
            "¿Puedo ayudarte en algo más?",
            "Si tienes cualquier otra duda, aquí estamos.",
            "¡Gracias por comprar en {shop}!",
            "¡Que tengas un buen día!",
        ],
        Intents = ByIntent<IntentPhrases>(
            orderStatus: new(
                Subjects: ["¿Dónde está mi pedido?", "Estado del pedido {onum}", "Seguimiento pedido", "Consulta sobre mi pedido", "Mi pedido"],
                Openings:
                [
                    "¿Dónde está mi pedido? Lo hice el {weekday} y no he tenido noticias desde entonces.",
                    "¿Dónde está mi pedido {onum}? El enlace de seguimiento no muestra nada.",
                    "¿Me podéis decir dónde está mi pedido? Es el {order}.",
                    "Quería saber el estado de mi pedido {onum}. Compré {product} hace {days} días.",
                    "¿¿Dónde está mi pedido?? Pedí hace {days} días y todavía no tengo confirmación de envío.",
                    "¿Ya se ha enviado mi pedido {onum}? No he recibido ningún número de seguimiento.",
                    "¿Dónde está mi pedido {onum}? El seguimiento no se mueve desde el {weekday}.",
                    "¿Podríais darme información sobre el {order}?",
                    "Sigo esperando mi pedido {onum}, ¿dónde está?",
                ],
                Paraphrases:
                [
                    "Compré {product} en vuestra tienda la semana pasada y no sé cuándo va a llegar.",
                    "¿Mi paquete de {shop} ya está en camino? Miro el buzón todos los días.",
                    "Nunca recibí el correo de envío del {order}. ¿Ha salido ya?",
                    "¿Cuándo me llega el paquete? Hice la compra el {weekday}.",
                ],
                AgentReplies:
                [
                    "He revisado tu pedido {onum}: salió de nuestro almacén el {weekday}. En breve recibirás un correo con el seguimiento.",
                    "Perdona la espera. Tu pedido {onum} ya está preparado y saldrá en las próximas 24 horas.",
                    "He mirado tu pedido {onum}: está con la empresa de transporte y la entrega está prevista en 2-3 días laborables.",
                ]),
            @return: new(
                Subjects: ["Devolución", "Solicitud de devolución", "Devolución pedido {onum}", "Etiqueta de devolución", "Devolver artículo"],
                Openings:
                [
                    "Quiero devolver {product} del {order}. ¿Cómo consigo la etiqueta de devolución?",
                    "Quiero hacer una devolución del {order}, el artículo no me convence.",
                    "¿Cómo funciona la devolución? Pedí {product} pero al final no {itobj} quiero.",
                    "¿Todavía puedo devolver {product}? {Itobj} recibí hace {days} días.",
                    "Me gustaría hacer una devolución: el artículo no es como esperaba.",
                    "¿Me podéis enviar una etiqueta de devolución para el {order}? Quiero devolver {product}.",
                    "¿Se puede hacer una devolución si ya he abierto el paquete?",
                    "Quiero devolver {product}. ¿Tengo que pagar yo el envío de la devolución?",
                    "¿Cuánto tiempo tengo para la devolución? Es por {product} del {order}.",
                ],
                Paraphrases:
                [
                    "Al final no me quedo con {product}. ¿A dónde tengo que mandar{itobj}?",
                    "El artículo no me gusta nada, ¿cómo os {itobj} mando de vuelta?",
                    "Quisiera enviaros de vuelta {product}, no es lo que esperaba.",
                    "No quiero quedarme con {product}. ¿Qué tengo que hacer para mandar{itobj} de vuelta?",
                ],
                AgentReplies:
                [
                    "¡Sin problema! Te he enviado por correo una etiqueta de devolución prepagada para el {order}. Solo tienes que llevar el paquete a cualquier punto de recogida.",
                    "¡Claro! Tienes 30 días para hacer la devolución. Ya la he tramitado y te llegará la etiqueta por correo.",
                    "Encantada de ayudarte. Devuelve {product} sin usar y con la etiqueta, y tramitaremos la devolución en cuanto llegue al almacén.",
                ]),
            refund: new(
                Subjects: ["Reembolso", "Reembolso pedido {onum}", "Sigo sin reembolso", "Solicitud de reembolso", "¿Y mi reembolso?"],
                Openings:
                [
                    "Devolví {product} hace dos semanas y todavía no he recibido el reembolso.",
                    "¿Cuándo recibiré el reembolso del {order}?",
                    "Quiero un reembolso del {order}, por favor. No estoy contento con {product}.",
                    "¿Me podéis hacer el reembolso {prep}? Me cobrasteis dos veces.",
                    "Me dijeron que el reembolso tardaría 5 días pero todavía no me ha llegado nada ({order}).",
                    "Por favor, hacedme el reembolso del {order}, lo cancelé justo después de hacerlo.",
                    "¿Y mi reembolso? Vuestro almacén recibió mi paquete el {weekday}.",
                    "Sigo esperando el reembolso del {order}. ¿Podéis revisarlo?",
                    "Solicito el reembolso del {order}, {subj} no {be} en buen estado.",
                ],
                Paraphrases:
                [
                    "Os mandé {product} hace muchísimo y el dinero todavía no ha vuelto a mi cuenta.",
                    "Vuestro almacén confirmó que recibió el paquete pero en mi tarjeta no aparece nada.",
                    "Me habéis cobrado dos veces el {order}. ¿Podéis anular uno de los cargos?",
                    "¿Cuándo me vais a abonar el importe del {order}?",
                ],
                AgentReplies:
                [
                    "Perdona el retraso. Hemos recibido tu paquete y acabo de tramitar el reembolso del {order}. Puede tardar de 3 a 5 días laborables en aparecer en tu cuenta.",
                    "Gracias por tu paciencia. El reembolso de tu pedido {onum} se ha procesado hoy.",
                    "He consultado con el departamento de contabilidad: tu reembolso está en camino. Tu banco puede tardar hasta 5 días laborables.",
                ]),
            damaged: new(
                Subjects: ["Producto dañado", "Artículo roto", "Paquete dañado", "Problema con mi pedido", "Artículo defectuoso"],
                Openings:
                [
                    "Mi pedido ha llegado hoy pero {subj} {be} dañad{agr}.",
                    "{Subj} {be} rot{agr}. ¿Me podéis mandar un reemplazo?",
                    "El paquete llegó dañado, la caja estaba aplastada y {subj} {be} rot{agr}. Adjunto fotos.",
                    "He recibido el {order} pero {subj} {be} rot{agr}. ¿Qué puedo hacer?",
                    "Por desgracia el producto ha llegado dañado, os mando fotos.",
                    "{Subj} del {order} ya {be} rot{agr} después de un día de uso.",
                    "Acabo de abrir el paquete: {subj} {be} dañad{agr}. Quiero un reemplazo.",
                    "Me ha llegado el artículo roto. ¿Cómo lo solucionamos?",
                    "{Subj} ha llegado dañad{agr}, estoy muy decepcionada.",
                ],
                Paraphrases:
                [
                    "Hay un defecto enorme en {product} que recibí.",
                    "El paquete parecía aplastado y lo que venía dentro no se puede usar.",
                    "{Subj} {be} en muy mal estado, así no se puede usar.",
                    "Tengo un problema con {product}: vino con una mancha enorme.",
                ],
                AgentReplies:
                [
                    "¡Lo siento muchísimo! Te enviamos un reemplazo gratis que sale hoy mismo. No hace falta que nos devuelvas el artículo dañado.",
                    "Vaya, qué rabia. ¿Podrías enviarnos una foto del daño? Después te mandamos un reemplazo o te hacemos el reembolso completo, como prefieras.",
                    "¡Disculpa! He comunicado el daño a la empresa de transporte y el reemplazo {prep} ya está en camino.",
                ]),
            exchange: new(
                Subjects: ["Cambio de talla", "Cambio", "Talla equivocada", "Solicitud de cambio", "Cambio {item}"],
                Openings:
                [
                    "¿Puedo cambiar {product} por una talla {size2}? La {size} me queda pequeña.",
                    "Quiero cambiar {product} del {order} por otra talla.",
                    "La talla me queda grande. ¿Es posible un cambio a la {size2}?",
                    "¿Se puede hacer un cambio? Pedí la talla {size} por error y necesito la {size2}.",
                    "Necesito otra talla {prep}. ¿Cómo funciona el cambio?",
                    "¿Cómo funciona un cambio? Prefiero {product} en {color}.",
                    "Pedí la {size} pero me queda estrecha. ¿Puedo cambiarla por la {size2}?",
                    "¿Podríais cambiarme {product} por el mismo modelo en {color}?",
                    "Cambio, por favor: talla equivocada, necesito {product} en {size2}.",
                ],
                Paraphrases:
                [
                    "Me aprieta un poco. ¿Me podríais enviar el modelo un número más grande en su lugar?",
                    "Preferiría {product} en {color}. ¿Puedo mandaros este y que me enviéis el otro color?",
                    "Me queda enorme. ¿Me podéis enviar el modelo más pequeño?",
                ],
                AgentReplies:
                [
                    "¡Claro! He preparado el cambio a la talla {size2}. En cuanto recibamos tu paquete, te enviamos la nueva talla.",
                    "Por supuesto, el cambio es gratuito. Te he mandado una etiqueta por correo; la talla {size2} saldrá en cuanto se escanee tu paquete.",
                    "¡Buenas noticias! Tenemos {product} en stock en la talla que necesitas. Te he reservado una unidad.",
                ]),
            cancellation: new(
                Subjects: ["Cancelar pedido", "Cancelación", "Cancelar suscripción", "Anular pedido {onum}", "Cancelar"],
                Openings:
                [
                    "Por favor, cancelad mi pedido {onum}. Lo hice por error.",
                    "Quiero cancelar mi pedido, he encontrado {product} más barat{agr} en otra tienda.",
                    "¿Todavía puedo cancelar el {order}? Lo hice hace una hora.",
                    "Quiero cancelar mi suscripción. No me cobréis más, por favor.",
                    "Por favor, cancelad mi suscripción antes de la próxima renovación.",
                    "Necesito cancelar mi pedido {onum}, elegí el color equivocado.",
                    "Cancelación, por favor: ya no necesito {product} ({order}).",
                    "¿Cómo puedo cancelar mi suscripción? No encuentro la opción en mi cuenta.",
                    "¿Podéis cancelar el {order}? Lo hice dos veces sin querer.",
                ],
                Paraphrases:
                [
                    "He cambiado de opinión con el {order}, por favor no lo enviéis.",
                    "No quiero recibir más la caja mensual, paradla por favor.",
                    "Le di dos veces a comprar sin querer. ¿Podéis enviar solo un paquete?",
                    "Ya no quiero {product}. ¿Podéis pararlo antes de que salga?",
                ],
                AgentReplies:
                [
                    "¡Hecho! He cancelado tu pedido {onum} y recibirás el reembolso completo en 3-5 días laborables.",
                    "He cancelado tu suscripción, no se te volverá a cobrar.",
                    "Lo siento, tu pedido {onum} ya había salido cuando recibimos tu mensaje. Puedes rechazar la entrega o devolverlo gratis cuando llegue.",
                ]),
            addressChange: new(
                Subjects: ["Cambio de dirección", "Cambiar mi dirección", "Dirección incorrecta", "Nueva dirección de envío", "Dirección"],
                Openings:
                [
                    "Necesito cambiar mi dirección para el {order}. La nueva es: {address}.",
                    "¿Puedo cambiar mi dirección de envío? Me he mudado. Nueva dirección: {address}",
                    "Me equivoqué al poner la dirección. ¿Podéis cambiar mi dirección a {address}?",
                    "Por favor, cambiad mi dirección del {order} a {address}.",
                    "Quiero cambiar mi dirección antes de que se envíe el pedido.",
                    "¿Es demasiado tarde para cambiar mi dirección? La correcta es {address}.",
                    "¿Podéis cambiar mi dirección? Puse mal el número, es {address}.",
                    "Por favor, modificad la dirección de envío del {order}: {address}",
                ],
                Paraphrases:
                [
                    "Me mudo la semana que viene, ¿podéis mandar el paquete a {address}?",
                    "¡Calle equivocada en el {order}! Es {address}.",
                    "¿Podéis enviar el {order} a mi oficina? {address}",
                ],
                AgentReplies:
                [
                    "Sin problema, he actualizado la dirección de envío de tu pedido {onum}.",
                    "Ya he cambiado la dirección. El paquete todavía está en nuestro almacén, así que irá directamente a la nueva dirección.",
                    "Lamentablemente el {order} ya se entregó a la empresa de transporte. He solicitado un cambio de entrega y te aviso en cuanto sepa algo.",
                ]),
            discount: new(
                Subjects: ["Código de descuento", "Código de descuento no funciona", "Cupón {code}", "Descuento no aplicado", "Código {code}"],
                Openings:
                [
                    "Mi código de descuento {code} no funciona al pagar.",
                    "Se me olvidó usar mi código de descuento {code} en el {order}. ¿Todavía se puede aplicar?",
                    "¿El código de descuento {code} sigue siendo válido? Me dice que ha caducado.",
                    "El código de descuento de vuestra newsletter no funciona.",
                    "¿Me podéis dar un código de descuento para mi próximo pedido? Es mi tercera compra.",
                    "Puse el código de descuento {code} pero no se aplicó el descuento.",
                    "¿Tenéis algún código de descuento ahora mismo?",
                    "El código de descuento {code} da error. ¿Me ayudáis?",
                ],
                Paraphrases:
                [
                    "Me suscribí a la newsletter pero nunca me llegó el 10 % prometido.",
                    "El cupón {code} no me baja el precio en el carrito.",
                    "¿Hacéis alguna rebaja para estudiantes? Me encantaría comprar {product}.",
                ],
                AgentReplies:
                [
                    "¡Perdona! El código {code} caducó la semana pasada, pero te he devuelto el importe del descuento del {order}.",
                    "Gracias por avisarnos. Aquí tienes un código nuevo: GRACIAS15, con un 15 % para tu próximo pedido.",
                    "El código no se puede combinar con artículos rebajados. Como excepción, te he reembolsado el 10 %.",
                ]),
            shippingDelay: new(
                Subjects: ["Retraso en el envío", "Mi pedido no llega", "Pedido retrasado", "Retraso pedido {onum}", "Envío"],
                Openings:
                [
                    "¿Hay algún retraso en el envío? Mi pedido {onum} tenía que llegar el {weekday}.",
                    "Mi paquete todavía no ha llegado y ya han pasado {days} días.",
                    "¿Por qué se está retrasando mi envío? El seguimiento no se mueve desde hace {days} días.",
                    "El {order} todavía no ha llegado y la fecha de entrega ya pasó.",
                    "Otra vez hay retraso en el envío de mi pedido. La empresa de transporte no para de cambiar la fecha.",
                    "Han pasado más de dos semanas y mi pedido todavía no ha llegado.",
                    "En el seguimiento pone retraso en el envío. ¿Sabéis qué pasa con el {order}?",
                    "En la web ponía de 3 a 5 días pero después de {days} días el {order} todavía no ha llegado.",
                ],
                Paraphrases:
                [
                    "El seguimiento del {order} está parado en el centro logístico desde el {weekday}.",
                    "Empiezo a preocuparme, el paquete con {product} tendría que haber llegado la semana pasada.",
                    "La entrega estaba prevista para el {weekday} y nada. ¿Tiene problemas la mensajería?",
                ],
                AgentReplies:
                [
                    "Siento muchísimo el retraso. La empresa de transporte tiene acumulación de envíos en tu zona. He abierto una incidencia y te escribo en 48 horas.",
                    "¡Perdona la espera! Tu paquete vuelve a estar en movimiento y debería llegar en los próximos 2 días laborables.",
                    "Gracias por tu paciencia. Si tu pedido {onum} no ha llegado para el {weekday}, avísame y te enviamos otro sin coste.",
                ]),
            productQuestion: new(
                Subjects: ["Pregunta sobre un producto", "Consulta de talla", "Disponibilidad", "Duda sobre {item}", "Pregunta rápida"],
                Openings:
                [
                    "¿Tenéis {product} en {color}?",
                    "¿Qué talla me recomendáis? Normalmente uso una {size} y quiero {product}.",
                    "Una pregunta sobre {product}: ¿de qué material {be} hech{agr}?",
                    "¿Sabéis cuándo volveréis a tener {product} en stock en la talla {size}?",
                    "¿Hacéis envíos a Suiza? Me gustaría pedir {product}.",
                    "Tengo una pregunta sobre {product}: ¿tenéis una guía de tallas?",
                    "¿Todavía queda stock {prep}? En la web pone que solo quedan 2.",
                    "¿Hay garantía para {product}?",
                ],
                Paraphrases:
                [
                    "Quiero regalar {product}. ¿Cuánto suele tardar el envío?",
                    "¿Cuáles son las medidas exactas {prep}? En las fotos no se aprecia bien.",
                    "Antes de pedir: ¿vais a volver a tener {product} en {color} pronto?",
                ],
                AgentReplies:
                [
                    "¡Buena pregunta! Nuestras tallas son normales, te recomendamos tu talla habitual ({size}).",
                    "¡Sí! Tenemos {product} en {color}, lo encontrarás directamente en la página del producto.",
                    "Esperamos reponer en las próximas dos semanas. Si quieres, te aviso por correo en cuanto vuelva a estar disponible.",
                ]),
            complaint: new(
                Subjects: ["Queja", "Reclamación", "Muy decepcionado", "Servicio inaceptable", "Queja formal"],
                Openings:
                [
                    "Estoy muy decepcionado con vuestro servicio. Es la tercera vez que os escribo.",
                    "Es inaceptable. Llevo una semana esperando una respuesta sobre el {order}.",
                    "Quiero poner una queja por cómo se ha gestionado mi pedido.",
                    "Servicio pésimo. Nadie contesta al teléfono y ignoráis mis correos.",
                    "Estoy muy decepcionada con la calidad {prep}. No vale lo que cuesta.",
                    "Quiero presentar una reclamación formal contra vuestra empresa de transporte.",
                    "Sinceramente, la peor experiencia de compra que he tenido. Todo salió mal con el {order}.",
                    "Muy decepcionado. El artículo no se parece en nada a las fotos de la web.",
                ],
                Paraphrases:
                [
                    "Soy clienta desde hace años, pero me estoy planteando seriamente comprar en otro sitio.",
                    "Vuestro repartidor dejó mi paquete bajo la lluvia y encima fue maleducado.",
                    "Nadie ha contestado a mis últimos tres correos. ¿Alguien los lee?",
                ],
                AgentReplies:
                [
                    "Lo siento de verdad y entiendo perfectamente tu enfado. He pasado tu caso a nuestra responsable y te he añadido un saldo del 20 % en tu cuenta.",
                    "Gracias por tu sinceridad. No es el nivel de servicio que queremos dar. A partir de ahora me encargo personalmente de tu caso.",
                    "Siento mucho haberte decepcionado. Como disculpa, te he devuelto los gastos de envío.",
                ]),
            spam: new(
                Subjects: ["Propuesta de colaboración", "Colaboración con {shop}", "Posicionamiento SEO", "Aumenta tus ventas", "Oferta especial"],
                Openings:
                [
                    "Hola equipo de {shop},\n\nSoy influencer con 100.000 seguidores en Instagram y me encantaría colaborar con vosotros. ¿Os interesaría una colaboración pagada?\n\nUn saludo,\n{name}",
                    "Estimados señores:\n\nSu web no aparece en la primera página de Google. Nuestra agencia SEO le garantiza el top 3 en 30 días.\n\nAtentamente,\n{name}",
                    "Hola,\n\nGana hasta 2.000 € a la semana con trading de criptomonedas. Nuestro bot lo hace todo por ti. ¡Regístrate ya!\n\n{name}",
                    "Hola,\n\nAyudamos a tiendas online como {shop} a triplicar sus ventas con email marketing automatizado. ¿Tenéis 15 minutos esta semana?\n\n{name}",
                    "Propuesta de colaboración: nos gustaría incluir {shop} en nuestra guía de regalos. La publicación cuesta solo 99 €.\n\n{name}",
                    "Hola, ofrecemos backlinks de calidad y artículos patrocinados desde 49 €. ¿Os interesa?",
                    "¡Enhorabuena! Vuestra tienda ha sido seleccionada para recibir 500 € en crédito publicitario gratis. Canjéalo ya.",
                    "Hola, somos fabricantes de textil y bolsos a precio de fábrica. Pedido mínimo 50 unidades. Catálogo bajo petición.\n\n{name}",
                ],
                Paraphrases: [],
                AgentReplies: [])),
    };
}
