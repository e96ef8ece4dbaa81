#!/usr/bin/env node
// Validates a JSON document against a JSON Schema (draft-07), for the tests of
// `mamori catalog export --format oscal` against NIST's OSCAL catalog schema.
//
//   node validate.js SCHEMA FILE   exit 0 valid, 1 invalid (errors on stderr),
//                                  2 usage, unreadable file or bad schema
//
// Options, and why:
// - strict: true makes Ajv refuse to compile a schema with a format it does not
//   know, instead of skipping that check with a warning: every "format" of the
//   NIST schema (date-time, uri, uri-reference, email) must really be checked.
//   ajv-formats supplies them in "full" mode.
// - unicodeRegExp: true compiles patterns with the "u" flag, which the NIST
//   schema's \p{L} / \p{N} classes (TokenDatatype) need.
// - allErrors: true reports every problem, not just the first.
'use strict';

const fs = require('fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

function readJson(path) {
	try {
		return JSON.parse(fs.readFileSync(path, 'utf8'));
	} catch (e) {
		console.error(`validate.js: ${path}: ${e.message}`);
		process.exit(2);
	}
}

function main(argv) {
	if (argv.length !== 2) {
		console.error('usage: node validate.js SCHEMA FILE');
		return 2;
	}
	const [schemaPath, dataPath] = argv;
	const ajv = new Ajv({ strict: true, unicodeRegExp: true, allErrors: true, validateFormats: true });
	addFormats(ajv, { mode: 'full' });
	let validate;
	try {
		validate = ajv.compile(readJson(schemaPath));
	} catch (e) {
		console.error(`validate.js: ${schemaPath}: schema does not compile: ${e.message}`);
		return 2;
	}
	if (validate(readJson(dataPath))) {
		console.log(`${dataPath}: valid`);
		return 0;
	}
	console.error(`${dataPath}: INVALID (${validate.errors.length} errors)`);
	for (const err of validate.errors.slice(0, 50))
		console.error(`  ${err.instancePath || '/'}: ${err.message} [${err.schemaPath}]`);
	return 1;
}

process.exit(main(process.argv.slice(2)));
