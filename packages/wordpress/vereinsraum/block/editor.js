/**
 * The block "Vereinsraum" in the editor: a choice of join button, room status
 * or booking form, the room and the button's label in the sidebar, and a
 * preview with the real element against the configured server. The block
 * saves nothing but its attributes; the page is written by the server
 * (render_callback), so no filter of WordPress changes it.
 */
(function (wp) {
  'use strict';

  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var sprintf = wp.i18n.sprintf;
  var blockEditor = wp.blockEditor;
  var components = wp.components;
  var config = window.vereinsraumBlock || { server: '', tenant: '', settings: '' };
  var ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
  var TAGS = { join: 'verein-join-room', status: 'verein-room-status', booking: 'verein-room-booking' };

  function preview(attributes) {
    var kind = TAGS[attributes.kind] ? attributes.kind : 'join';
    var tenant = attributes.tenant.trim().toLowerCase() || config.tenant;
    var room = attributes.room.trim().toLowerCase();
    var missing = [];
    if (!config.server) {
      missing.push(__('the server address (Settings → Vereinsraum)', 'vereinsraum'));
    }
    if (!ID.test(tenant)) {
      missing.push(__('the tenant (Settings → Vereinsraum, or in the block)', 'vereinsraum'));
    }
    if (kind !== 'booking' && !ID.test(room)) {
      missing.push(__('the room', 'vereinsraum'));
    }
    if (missing.length) {
      return el(
        components.Placeholder,
        {
          icon: 'groups',
          label: __('Vereinsraum', 'vereinsraum'),
          instructions: sprintf(
            /* translators: %s: a list of what is missing */
            __('Missing: %s.', 'vereinsraum'),
            missing.join(', '),
          ),
        },
        config.settings ? el(components.ExternalLink, { href: config.settings }, __('Open the settings', 'vereinsraum')) : null,
      );
    }
    var props = { endpoint: config.server, tenant: tenant };
    if (kind !== 'booking') {
      props.room = room;
    }
    // Inert: a click selects the block instead of joining the room.
    return el('div', { inert: '' }, el(TAGS[kind], props, kind === 'join' ? attributes.label.trim() : null));
  }

  wp.blocks.registerBlockType('vereinsraum/embed', {
    edit: function (props) {
      var attributes = props.attributes;
      var set = props.setAttributes;
      var kind = attributes.kind;
      return el(
        'div',
        blockEditor.useBlockProps(),
        el(
          blockEditor.InspectorControls,
          null,
          el(
            components.PanelBody,
            { title: __('Vereinsraum', 'vereinsraum') },
            el(components.SelectControl, {
              label: __('Shows', 'vereinsraum'),
              value: kind,
              options: [
                { value: 'join', label: __('Join button', 'vereinsraum') },
                { value: 'status', label: __('Room status', 'vereinsraum') },
                { value: 'booking', label: __('Booking form', 'vereinsraum') },
              ],
              onChange: function (value) {
                set({ kind: value });
              },
            }),
            kind === 'booking'
              ? null
              : el(components.TextControl, {
                  label: __('Room', 'vereinsraum'),
                  help: __('The room’s id from your operator, for example vereinsheim.', 'vereinsraum'),
                  value: attributes.room,
                  onChange: function (value) {
                    set({ room: value });
                  },
                }),
            kind === 'join'
              ? el(components.TextControl, {
                  label: __('Label', 'vereinsraum'),
                  help: __('The button’s text. Empty: “Join” in the page’s language.', 'vereinsraum'),
                  value: attributes.label,
                  onChange: function (value) {
                    set({ label: value });
                  },
                })
              : null,
            el(components.TextControl, {
              label: __('Tenant', 'vereinsraum'),
              help: config.tenant
                ? sprintf(
                    /* translators: %s: the tenant id of the settings */
                    __('Empty: %s, from the settings.', 'vereinsraum'),
                    config.tenant,
                  )
                : __('Empty: the tenant of the settings.', 'vereinsraum'),
              value: attributes.tenant,
              onChange: function (value) {
                set({ tenant: value });
              },
            }),
          ),
        ),
        preview(attributes),
      );
    },
    save: function () {
      return null;
    },
  });
})(window.wp);
