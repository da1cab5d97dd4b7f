// Check-in page: scan the QR code of a confirmation with the phone's camera, where the browser can.
// Progressive: without the BarcodeDetector API (or without a camera, or when permission is refused) the page
// stays what it is, a form for the typed or scanner-pasted code. No inline script (CSP): loaded as a file.
(function () {
  "use strict";
  var form = document.querySelector("[data-kp-checkin]");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var input = form.querySelector("input[name=code]");
  var panel = document.querySelector("[data-kp-scanner]");
  if (!input || !panel) {
    return;
  }
  var button = panel.querySelector("button");
  var video = panel.querySelector("video");
  var status = panel.querySelector("[data-kp-scanner-status]");
  var detector;
  var stream;
  var busy = false;

  function say(text) {
    status.textContent = text;
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
  }

  function scan() {
    if (!stream || busy) {
      return;
    }
    detector.detect(video).then(function (codes) {
      var found = codes.length ? codes[0].rawValue : "";
      if (found) {
        busy = true;
        input.value = found.trim();
        say(panel.dataset.found);
        stop();
        form.submit();
        return;
      }
      window.setTimeout(scan, 200);
    }).catch(function () {
      window.setTimeout(scan, 400);
    });
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      return video.play();
    }).then(function () {
      say(panel.dataset.scanning);
      scan();
    }).catch(function () {
      stop();
      say(panel.dataset.noCamera);
    });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    panel.hidden = false;
    button.addEventListener("click", function () {
      if (stream) {
        stop();
        say("");
      } else {
        start();
      }
    });
  }).catch(function () {});
})();
