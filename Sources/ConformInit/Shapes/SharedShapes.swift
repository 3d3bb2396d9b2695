/// The shapes every deployment shares, whatever its data model: the object envelope, the list
/// wrapper, the error envelope, batch and count results, and one `$defs` entry per field
/// representation (reference §2, §6, §11, §14, §16). Written as text: they never vary.
enum SharedShapes {
    /// File name → contents (without the generated-by header).
    static let files: [(name: String, text: String)] = [
        ("object-envelope.yaml", objectEnvelope),
        ("list-wrapper.yaml", listWrapper),
        ("error-envelope.yaml", errorEnvelope),
        ("count-result.yaml", countResult),
        ("batch-result.yaml", batchResult),
        ("field-types.yaml", FieldTypeShapes.text),
    ]

    static let objectEnvelope = """
        # The envelope every object carries (reference §16.1).
        title: Object envelope
        type: object
        required: [id, type, updated_at, display]
        properties:
          id:
            description: UUID assigned by JourneyApps; always lowercase (reference §1.3)
            type: string
            format: uuid
            pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
          type:
            description: the model name
            type: string
          updated_at:
            description: last server-side update, ISO 8601 UTC with whole seconds, e.g. 2015-02-05T08:17:01Z
            type: string
            format: date-time
          display:
            description: the model's display format rendered for this object
            type: string

        """

    static let listWrapper = """
        # The list wrapper of GET /objects/{model}.json and its queries (reference §2).
        title: List wrapper
        type: object
        required: [objects, count, more]
        properties:
          objects:
            type: array
            items: { $ref: object-envelope.yaml }
          count:
            description: number of objects in this response
            type: integer
            minimum: 0
            maximum: 1000
          total:
            description: total matched; may be left out for CloudCode/OnlineDB callers without total=true
            type: integer
            minimum: 0
          more:
            description: true when more objects exist beyond this page
            type: boolean

        """

    static let errorEnvelope = """
        # The error envelope (reference §14). Clients branch on `type` and the HTTP status. The
        # documented types are AUTHENTICATION_FAILED, INTERNAL_SERVER_ERROR, OBJECT_NOT_FOUND,
        # INVALID_VALUE, INVALID_API_REQUEST, ROUTE_ERROR, ACCOUNT_NOT_FOUND and TOO_MANY_REQUESTS;
        # the docs' list may go on, so the specs check the type they expect, not an enum.
        title: Error envelope
        type: object
        required: [type, title, detail, see]
        properties:
          type: { type: string }
          title: { type: string }
          detail: { type: string }
          see: { type: string }

        """

    static let countResult = """
        # The answer of GET /objects/{model}/count.json (reference §6: undocumented in v4; scripts
        # read `.count`).
        title: Count
        type: object
        required: [count]
        properties:
          count:
            type: integer
            minimum: 0

        """

    static let batchResult = """
        # The answer of POST /batch.json (reference §11): one result per operation, in order.
        title: Batch result
        type: object
        required: [operations]
        properties:
          stop_on_error: { type: boolean }
          operations:
            type: array
            items:
              type: object
              required: [method, object, success]
              properties:
                method: { enum: [post, put, patch, delete] }
                object:
                  type: object
                  required: [type, id]
                  properties:
                    type: { type: string }
                    id: { type: [string, "null"], format: uuid }
                success: { type: boolean }
                error: { $ref: error-envelope.yaml }

        """
}
