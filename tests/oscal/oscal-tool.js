#!/usr/bin/env node
// Helpers for tests/cli/test_oscal.sh; node is there anyway for the validator
// and jq may not be.
//
//   node oscal-tool.js controls FILE        one line per control, document order:
//                                           control-id TAB clause-id TAB strength TAB label
//   node oscal-tool.js props FILE ID        the control's props: name TAB value
//   node oscal-tool.js ids FILE             every "id" in the document (groups, controls,
//                                           parts): OSCAL wants them unique, which the
//                                           JSON schema cannot check
//   node oscal-tool.js break KIND IN OUT    IN with one deliberate schema error (KIND
//                                           below), to prove that the validator rejects
'use strict';

const fs = require('fs');

function load(path) {
	return JSON.parse(fs.readFileSync(path, 'utf8'));
}

// Every control, groups walked depth first: document order.
function controls(catalog) {
	const out = [];
	const walkControls = (cs) => {
		for (const c of cs || []) {
			out.push(c);
			walkControls(c.controls);
		}
	};
	const walkGroups = (gs) => {
		for (const g of gs || []) {
			walkControls(g.controls);
			walkGroups(g.groups);
		}
	};
	walkControls(catalog.controls);
	walkGroups(catalog.groups);
	return out;
}

function allIds(node, out) {
	if (Array.isArray(node)) {
		node.forEach((x) => allIds(x, out));
	} else if (node && typeof node === 'object') {
		if (typeof node.id === 'string')
			out.push(node.id);
		Object.values(node).forEach((x) => allIds(x, out));
	}
	return out;
}

function propValue(control, name) {
	const p = (control.props || []).find((x) => x.name === name);
	return p ? p.value : '';
}

// Each breaks one rule of the schema; "uri" breaks only a format check (the
// value still matches the schema's URI pattern), so it fails only when
// formats are really checked.
const breakers = {
	'bad-id': (doc) => { controls(doc.catalog)[0].id = '1.1.1'; },
	'no-title': (doc) => { delete controls(doc.catalog)[0].title; },
	'bad-uuid': (doc) => { doc.catalog.uuid = doc.catalog.uuid.replace(/^(.{14})./, '$11'); },
	'bad-time': (doc) => { doc.catalog.metadata['last-modified'] = '2020-12-01 00:00:00'; },
	'uri': (doc) => { controls(doc.catalog)[0].props.find((p) => p.ns).ns = 'urn:mamori oscal'; },
	'extra': (doc) => { controls(doc.catalog)[0].note = 'not in OSCAL'; },
	'empty-value': (doc) => { controls(doc.catalog)[0].props[0].value = ' '; },
};

function main(argv) {
	const [cmd, ...args] = argv;
	if (cmd === 'controls' && args.length === 1) {
		for (const c of controls(load(args[0]).catalog))
			console.log([c.id, propValue(c, 'clause-id'), propValue(c, 'strength'), propValue(c, 'label')].join('\t'));
		return 0;
	}
	if (cmd === 'props' && args.length === 2) {
		const c = controls(load(args[0]).catalog).find((x) => x.id === args[1]);
		if (!c)
			return 1;
		for (const p of c.props || [])
			console.log(`${p.name}\t${p.value}`);
		return 0;
	}
	if (cmd === 'ids' && args.length === 1) {
		for (const id of allIds(load(args[0]).catalog, []))
			console.log(id);
		return 0;
	}
	if (cmd === 'break' && args.length === 3 && breakers[args[0]]) {
		const doc = load(args[1]);
		breakers[args[0]](doc);
		fs.writeFileSync(args[2], JSON.stringify(doc));
		return 0;
	}
	console.error(`usage: node oscal-tool.js controls FILE | props FILE ID | ids FILE | break {${Object.keys(breakers).join('|')}} IN OUT`);
	return 2;
}

process.exit(main(process.argv.slice(2)));
