/// Data model texts from the reference, used by several suites.
enum Fixtures {
    /// Reference §21.12, verbatim.
    static let extendedExample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <data-model>
          <!-- app user model; application.xml names it: <mobile_user>user</mobile_user> -->
          <model name="user" label="User">
            <field name="name" label="Name" type="text:name"/>
            <field name="email" label="Email" type="text:email"/>

            <has-many model="inspection" name="inspections" inverse-of="inspector"/>
            <has-many model="inspection" name="reviewed_inspections" inverse-of="reviewer"/>

            <display>{name}</display>
          </model>

          <model name="building" label="Building">
            <field name="name" label="Name" type="text:name"/>
            <field name="address" label="Address" type="text:address"/>
            <field name="position" label="Position" type="location"/>

            <has-many model="asset" name="assets"/>

            <display>{name}</display>
          </model>

          <model name="asset" label="Asset">
            <field name="make" label="Make" type="text:name"/>
            <field name="model" label="Model" type="text:name"/>
            <field name="serial_number" label="Serial Number" type="text:number"/>
            <field name="notes" label="Notes" type="text:paragraph"/>
            <field name="quantity" label="Quantity" type="integer"/>
            <field name="weight" label="Weight (kg)" type="number"/>
            <field name="installed_on" label="Installed On" type="date"/>
            <field name="last_seen_at" label="Last Seen" type="datetime"/>
            <field name="in_service" label="In Service" type="boolean"/>
            <field name="condition" label="Condition" type="single-choice">
              <option key="good">Good</option>
              <option key="ok">Ok</option>
              <option key="bad">Bad</option>
            </field>
            <field name="priority" label="Priority" type="single-choice-integer">
              <option key="1">Low</option>
              <option>Medium</option>  <!-- key 2 -->
              <option key="5">High</option>
            </field>
            <field name="features" label="Features" type="multiple-choice">
              <option key="wifi">Wi-Fi</option>
              <option key="gps">GPS</option>
            </field>
            <field name="zones" label="Zones" type="multiple-choice-integer">
              <option>North</option>   <!-- key 0 -->
              <option>South</option>   <!-- key 1 -->
            </field>
            <field name="picture" label="Picture" type="photo" auto-download="true"/>
            <field name="sign_off" label="Sign-off" type="signature"/>
            <field name="manual" label="Manual" type="attachment" media="application/pdf"/>
            <field name="route" label="Route" type="track"/>

            <belongs-to model="building"/>
            <has-many model="inspection" name="inspections"/>

            <index on="building"/>
            <index on="make,-serial_number" name="by_make"/>

            <display>{make} {model} [{serial_number}] in {building.name}</display>

            <webhook type="update" name="asset_update"/>
          </model>

          <model name="inspection" label="Inspection">
            <field name="passed" label="Passed" type="boolean">
              <option key="true">Pass</option>
              <option key="false">Fail</option>
            </field>
            <field name="report" label="Report" type="attachment" media="any"/>
            <field name="done_at" label="Done At" type="datetime"/>

            <belongs-to model="asset"/>
            <belongs-to model="user" name="inspector"/>
            <belongs-to model="user" name="reviewer"/>

            <display>{asset} ({done_at})</display>

            <webhook type="ready" receiver="cloudcode" action="send_report">
              <field name="report" state="uploaded"/>
              <field name="asset" embed="true"/>
            </webhook>
          </model>

          <model name="push_notification" label="Push Notification">
            <field name="message" label="Message" type="text"/>
            <field name="received_at" label="Received At" type="datetime"/>
            <field name="created_at" label="Created At" type="datetime"/>

            <belongs-to model="user"/>

            <display>{message} ({user})</display>
            <notify-user message="{message}" received-field="received_at" recipient-field="user"/>
          </model>
        </data-model>
        """

    /// Reference §21.11, verbatim.
    static let assetBuilding = """
        <data-model>
            <model name="asset" label="Asset">
                <field name="make" label="Make" type="text:name"/>
                <field name="model" label="Model" type="text:name"/>
                <field name="serial_number" label="Serial Number" type="text:number"/>
                <field name="description" label="Description" type="text"/>
                <field name="picture" label="Picture" type="photo"/>
                <field name="condition" label="Condition" type="single-choice">
                    <option key="good">Good</option>
                    <option key="ok">Ok</option>
                    <option key="bad">Bad</option>
                </field>

                <belongs-to model="building"/>

                <display>{make} {model} {serial_number}</display>
            </model>

            <model name="building" label="Building">
                <field name="name" label="Name" type="text:name"/>

                <has-many model="asset" name="assets"/>

                <display>{name}</display>
            </model>
        </data-model>
        """

    /// The `datamodel.json` reference §21.11 gives for ``assetBuilding``, verbatim
    /// (`datamodel_hash` is the placeholder `<opaque>`).
    static let assetBuildingJSON = #"""
        {
          "models": {
            "asset": {
              "name": "asset", "label": "Asset", "display": "{make} {model} {serial_number}",
              "fields": {
                "make":          { "name": "make", "label": "Make", "type": "text", "subtype": "name" },
                "model":         { "name": "model", "label": "Model", "type": "text", "subtype": "name" },
                "serial_number": { "name": "serial_number", "label": "Serial Number", "type": "text", "subtype": "number" },
                "description":   { "name": "description", "label": "Description", "type": "text", "subtype": null },
                "picture":       { "name": "picture", "label": "Picture", "type": "photo", "subtype": null },
                "condition":     { "name": "condition", "label": "Condition", "type": "single-choice", "subtype": null,
                                   "options": [ { "key": "good", "display": "Good" },
                                                { "key": "ok",   "display": "Ok" },
                                                { "key": "bad",  "display": "Bad" } ] }
              },
              "belongs_to": { "building": { "model": "building", "name": "building", "inverse_of": "assets" } },
              "has_many": {}
            },
            "building": {
              "name": "building", "label": "Building", "display": "{name}",
              "fields": { "name": { "name": "name", "label": "Name", "type": "text", "subtype": "name" } },
              "belongs_to": {},
              "has_many": { "assets": { "model": "asset", "name": "assets", "inverse_of": "building" } }
            }
          },
          "app_user": null,
          "datamodel_hash": "<opaque>"
        }
        """#
}
