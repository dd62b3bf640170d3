/* CKEditor 4 in the admin, in Vietnamese: the messages its Vietnamese language file leaves in English,
   the picture dialog's alternative text named for what it is, and the caption as its own field
   (written under the picture as <figcaption>). Loaded after CKEditor by the article form's media. */
(function () {
  "use strict";

  var STRINGS = {
    uploadwidget: {
      abort: "Đã huỷ tải lên.",
      doneOne: "Đã tải ảnh lên.",
      doneMany: "Đã tải lên %1 tệp.",
      uploadOne: "Đang tải tệp lên ({percentage}%)…",
      uploadMany: "Đang tải tệp lên: xong {current}/{max} ({percentage}%)…"
    },
    filetools: {
      loadError: "Không đọc được tệp.",
      networkError: "Lỗi mạng khi tải tệp lên.",
      httpError404: "Không tải lên được (404: không tìm thấy địa chỉ tải lên).",
      httpError403: "Không tải lên được (403: bạn không có quyền).",
      httpError: "Không tải lên được (mã lỗi %1).",
      noUrlError: "Chưa cấu hình địa chỉ tải lên.",
      responseError: "Máy chủ trả lời không đúng định dạng."
    },
    clipboard: {
      pasteNotification: "Nhấn %1 để dán. Trình duyệt không cho dán bằng nút trên thanh công cụ.",
      pasteMsg: "Dán nội dung vào ô dưới đây rồi bấm Đồng ý.",
      fileFormatNotSupportedNotification: "Không hỗ trợ tệp dạng ${formats}.",
      fileWithoutFormatNotSupportedNotification: "Không hỗ trợ dạng tệp này."
    },
    pastetext: { pasteNotification: "Nhấn %1 để dán. Trình duyệt không cho dán bằng nút trên thanh công cụ." },
    notification: { closed: "Đã đóng thông báo." },
    widget: { label: "Khối %1", move: "Bấm và kéo để di chuyển" },
    format: { tag_h2: "Tiêu đề mục", tag_h3: "Tiêu đề nhỏ", tag_h4: "Tiêu đề nhỏ hơn", tag_address: "Địa chỉ" },
    link: { displayText: "Chữ hiển thị", phoneNumber: "Số điện thoại", toPhone: "Gọi điện", noTel: "Hãy nhập số điện thoại", download: "Tải về" },
    image2: {
      alt: "Mô tả ảnh (cho người khiếm thị)",
      captioned: "Có chú thích",
      captionPlaceholder: "Chú thích ảnh"
    }
  };
  var CAPTION_LABEL = "Chú thích ảnh (hiện dưới ảnh; ví dụ: … Ảnh: Phương Anh)";

  function translate(lang) {
    Object.keys(STRINGS).forEach(function (plugin) {
      if (!lang[plugin]) lang[plugin] = {};
      Object.keys(STRINGS[plugin]).forEach(function (key) { lang[plugin][key] = STRINGS[plugin][key]; });
    });
  }

  function captionText(widget) {
    var caption = widget.editables && widget.editables.caption;
    return caption ? caption.getText().trim() : "";
  }

  function addCaptionField(definition) {
    var info = definition.getContents("info");
    if (!info || info.get("captionText")) return;
    var checkbox = info.get("hasCaption");
    if (checkbox) checkbox.hidden = true; // the caption field below decides
    info.add({
      type: "textarea",
      id: "captionText",
      rows: 2,
      label: CAPTION_LABEL,
      setup: function (widget) { this.setValue(captionText(widget)); },
      commit: function (widget) {
        var text = this.getValue().trim();
        widget.setData("hasCaption", text !== "");
        if (!text) return;
        // Adding a caption rebuilds the picture as a new <figure> widget; write the text into that one.
        var editor = widget.editor, src = widget.data.src;
        window.setTimeout(function () {
          Object.keys(editor.widgets.instances).forEach(function (id) {
            var found = editor.widgets.instances[id];
            if (found.data.src === src && found.editables.caption) {
              found.editables.caption.setText(text);
              editor.fire("change");
            }
          });
        }, 0);
      }
    });
  }

  function start() {
    if (!window.CKEDITOR) { window.setTimeout(start, 50); return; }
    window.CKEDITOR.on("instanceLoaded", function (event) { translate(event.editor.lang); });
    window.CKEDITOR.on("dialogDefinition", function (event) {
      if (event.data.name === "image2") addCaptionField(event.data.definition);
    });
  }
  start();
})();
