import ConformDataModel

/// Realistic text for each `text:<subtype>` (reference §21.3): an e-mail looks like an e-mail,
/// a URL like a URL. Variant 1 differs from variant 0, so an update visibly changes the value,
/// and sorts after it, so a sort on any text field has a known order.
enum TextSamples {
    /// A fixed value for the field; `label` names what plain text is about.
    static func value(_ subtype: TextSubtype?, label: String, variant: Int) -> String {
        let second = variant % 2 == 1
        switch subtype {
        case nil: return second ? "Updated \(label.lowercased())" : "Sample \(label.lowercased())"
        case .name?: return second ? "Grace Hopper" : "Ada Lovelace"
        case .email?: return second ? "grace.hopper@example.com" : "ada.lovelace@example.com"
        case .address?: return second ? "221B Baker Street, London NW1 6XE" : "1 Main Road, Cape Town, 8001"
        case .url?: return second ? "https://example.com/conform/updated" : "https://example.com/conform/sample"
        case .paragraph?:
            return second ? "Written again by the Conform suite. Nothing else changed." : "Checked on site by the Conform suite. It has two sentences."
        case .number?: return second ? "67890" : "12345"
        case .signedNumber?: return second ? "17" : "-42"
        case .decimalNumber?: return second ? "7.25" : "3.75"
        // 13 digits, YYMMDD birth date, Luhn check digit last.
        case .southAfricanID?: return second ? "9202204720083" : "8001015009087"
        case .phoneNumber?: return second ? "+44 20 7946 0958" : "+27 21 555 0100"
        case .phoneNumberZA?: return second ? "0821234567" : "0215550100"
        case .password?: return second ? "updated passphrase" : "correct horse battery staple"
        }
    }

    /// Subtypes whose values may hold any words, so they can carry the run marker: numeric
    /// and phone subtypes are validated on devices, and marking them would make them invalid.
    static func canCarryMarker(_ subtype: TextSubtype?) -> Bool {
        switch subtype {
        case nil, .name?, .email?, .address?, .url?, .paragraph?, .password?: true
        default: false
        }
    }

    /// A value holding `${run}`, so a run's own objects can be found among everything else in
    /// the deployment: `Alpha ${run}` sorts before `Bravo ${run}`, and so on for each variant.
    static func marked(_ subtype: TextSubtype?, variant: Int) -> String {
        let word = variant % 2 == 1 ? "bravo" : "alpha"
        switch subtype {
        case .email?: return "\(word).${run}@example.com"
        case .url?: return "https://example.com/\(word)/${run}"
        default: return (variant % 2 == 1 ? "Bravo" : "Alpha") + " ${run}"
        }
    }
}
