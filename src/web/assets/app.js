/*
 * app.js: the only script mamori serves (CSP default-src 'self').  Every
 * page works without it; it adds a progress bar to upload forms.
 *
 * A form marked data-upload is sent with XMLHttpRequest so that the upload's
 * progress can be shown.  The server answers as it would a plain POST:
 * either a redirect (followed by the browser, seen here as responseURL) or
 * a result page, which then replaces this one.
 */
"use strict";

function mamoriProgress(form) {
	var box = form.querySelector(".upload-progress");
	if (!box) {
		box = document.createElement("div");
		box.className = "upload-progress";
		box.setAttribute("role", "status");
		box.setAttribute("aria-live", "polite");
		var bar = document.createElement("progress");
		bar.max = 100;
		bar.value = 0;
		var text = document.createElement("span");
		box.appendChild(bar);
		box.appendChild(text);
		form.appendChild(box);
	}
	return {
		bar: box.querySelector("progress"),
		text: box.querySelector("span")
	};
}

function mamoriUpload(event) {
	var form = event.target;
	if (!window.FormData || !window.XMLHttpRequest)
		return; /* the plain POST still works */
	event.preventDefault();
	var ui = mamoriProgress(form);
	var buttons = form.querySelectorAll("button");
	buttons.forEach(function (b) { b.disabled = true; });
	var xhr = new XMLHttpRequest();
	xhr.open("POST", form.action || location.href);
	xhr.upload.onprogress = function (e) {
		if (!e.lengthComputable)
			return;
		var pct = Math.floor(e.loaded * 100 / e.total);
		ui.bar.value = pct;
		ui.text.textContent = " 送信中… " + pct + "%（" +
			Math.round(e.loaded / 1024) + " / " + Math.round(e.total / 1024) + " KB）";
	};
	xhr.upload.onload = function () {
		ui.bar.removeAttribute("value"); /* indeterminate while the server works */
		ui.text.textContent = " 受け付けました。処理しています…";
	};
	xhr.onload = function () {
		var sameUrl = xhr.responseURL.split("#")[0] === (form.action || location.href);
		if (xhr.responseURL && !sameUrl && xhr.status < 400) {
			location.assign(xhr.responseURL);
			return;
		}
		document.open();
		document.write(xhr.responseText);
		document.close();
	};
	xhr.onerror = function () {
		ui.text.textContent = " 送信できませんでした。通信状態を確かめて、もう一度送ってください。";
		buttons.forEach(function (b) { b.disabled = false; });
	};
	xhr.send(new FormData(form));
}

document.addEventListener("DOMContentLoaded", function () {
	document.querySelectorAll("form[data-upload]").forEach(function (form) {
		form.addEventListener("submit", mamoriUpload);
	});
});
