// Validates SARIF files against the SARIF 2.1.0 JSON Schema that ships with Microsoft's multitool
// package. Prints every violation; exits 1 if any file has one.
//   node schema-check.js FILE.sarif...
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const schemaPath = path.join(__dirname, "node_modules", "@microsoft", "sarif-multitool-linux",
                             "sarif-2.1.0.json");
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));

let failed = 0;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  if (validate(doc)) {
    console.log(`${file}: valid SARIF 2.1.0`);
  } else {
    failed++;
    for (const e of validate.errors) console.log(`${file}: ${e.instancePath || "/"} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
