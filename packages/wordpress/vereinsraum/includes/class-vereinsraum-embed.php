<?php
/**
 * The block "Vereinsraum" and the shortcodes `[vereinsraum_join]`,
 * `[vereinsraum_status]` and `[vereinsraum_booking]`. Both live in the stored
 * content as block attributes or shortcode text, which no content filter
 * removes, whoever edits the page later; the element is written when the page
 * is shown, with escaped attributes. Elements pasted as HTML are allowed
 * through WordPress's filter too.
 *
 * @package Vereinsraum
 */

defined( 'ABSPATH' ) || exit;

/**
 * Block, shortcodes and the allowed HTML.
 */
class Vereinsraum_Embed {

	/**
	 * What each kind shows: its element, and the bundle that defines it.
	 */
	const KINDS = array(
		'join'    => array(
			'tag'    => 'verein-join-room',
			'bundle' => 'vereinsraum',
		),
		'status'  => array(
			'tag'    => 'verein-room-status',
			'bundle' => 'vereinsraum',
		),
		'booking' => array(
			'tag'    => 'verein-room-booking',
			'bundle' => 'vereinsraum-booking',
		),
	);

	/**
	 * The elements an editor may paste, with every attribute they have (as in
	 * the elements' Custom Elements Manifest), and the bundle that defines them.
	 */
	const ELEMENTS = array(
		'verein-config'       => array(
			'attributes' => array( 'endpoint', 'tenant', 'lang' ),
			'bundle'     => 'vereinsraum',
		),
		'verein-join-room'    => array(
			'attributes' => array( 'endpoint', 'tenant', 'room', 'lang', 'target', 'invite', 'ask-access-code', 'no-logo', 'poll-interval', 'join-timeout', 'state' ),
			'bundle'     => 'vereinsraum',
		),
		'verein-room-status'  => array(
			'attributes' => array( 'endpoint', 'tenant', 'room', 'lang', 'variant', 'hidden-when-idle', 'no-logo', 'poll-interval', 'state' ),
			'bundle'     => 'vereinsraum',
		),
		'verein-room-booking' => array(
			'attributes' => array( 'endpoint', 'tenant', 'lang', 'manage', 'state' ),
			'bundle'     => 'vereinsraum-booking',
		),
	);

	/** The editor script's handle. */
	const EDITOR_HANDLE = 'vereinsraum-block-editor';

	/**
	 * Hooks the block, the shortcodes and the filters in.
	 */
	public static function init() {
		add_action( 'init', array( __CLASS__, 'register' ) );
		add_action( 'enqueue_block_editor_assets', array( __CLASS__, 'editor_assets' ) );
		add_action( 'enqueue_block_assets', array( __CLASS__, 'canvas_assets' ) );
		add_filter( 'wp_kses_allowed_html', array( __CLASS__, 'allowed_html' ), 10, 2 );
		add_filter( 'the_content', array( __CLASS__, 'pasted_elements' ), 100 );
	}

	/**
	 * Registers the editor script, the block and the shortcodes.
	 */
	public static function register() {
		wp_register_script(
			self::EDITOR_HANDLE,
			plugins_url( 'block/editor.js', VEREINSRAUM_FILE ),
			array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n' ),
			VEREINSRAUM_VERSION,
			false
		);
		wp_set_script_translations( self::EDITOR_HANDLE, 'vereinsraum', plugin_dir_path( VEREINSRAUM_FILE ) . 'languages' );
		register_block_type( dirname( VEREINSRAUM_FILE ) . '/block', array( 'render_callback' => array( __CLASS__, 'render_block' ) ) );
		add_shortcode( 'vereinsraum_join', array( __CLASS__, 'join_shortcode' ) );
		add_shortcode( 'vereinsraum_status', array( __CLASS__, 'status_shortcode' ) );
		add_shortcode( 'vereinsraum_booking', array( __CLASS__, 'booking_shortcode' ) );
	}

	/**
	 * The block editor: the settings for the preview, and the bundles, so the
	 * preview shows the real elements.
	 */
	public static function editor_assets() {
		$settings = Vereinsraum_Settings::get();
		wp_add_inline_script(
			self::EDITOR_HANDLE,
			'window.vereinsraumBlock = ' . wp_json_encode(
				array(
					'server'   => $settings['server'],
					'tenant'   => $settings['tenant'],
					'settings' => current_user_can( 'manage_options' ) ? admin_url( 'options-general.php?page=vereinsraum' ) : '',
				)
			) . ';',
			'before'
		);
		foreach ( array_keys( Vereinsraum_Assets::BUNDLES ) as $handle ) {
			Vereinsraum_Assets::enqueue( $handle );
		}
	}

	/**
	 * The bundles in the editor's canvas too: where WordPress puts the canvas
	 * in an iframe (the site editor; the post editor from WordPress 6.3 on),
	 * only what this hook enqueues reaches it.
	 */
	public static function canvas_assets() {
		if ( ! is_admin() ) {
			return;
		}
		foreach ( array_keys( Vereinsraum_Assets::BUNDLES ) as $handle ) {
			Vereinsraum_Assets::enqueue( $handle );
		}
	}

	/**
	 * The block's render_callback.
	 *
	 * @param array $attributes The block's attributes.
	 * @return string
	 */
	public static function render_block( $attributes ) {
		$kind = isset( $attributes['kind'] ) && isset( self::KINDS[ $attributes['kind'] ] ) ? $attributes['kind'] : 'join';
		$html = self::element(
			$kind,
			array(
				'room'   => isset( $attributes['room'] ) ? (string) $attributes['room'] : '',
				'tenant' => isset( $attributes['tenant'] ) ? (string) $attributes['tenant'] : '',
				'label'  => isset( $attributes['label'] ) ? (string) $attributes['label'] : '',
			)
		);
		return '' === $html ? '' : '<div ' . get_block_wrapper_attributes() . '>' . $html . '</div>';
	}

	/**
	 * `[vereinsraum_join room="…" label="…" tenant="…"]`, or the label between
	 * `[vereinsraum_join room="…"]` and `[/vereinsraum_join]`.
	 *
	 * @param array|string $atts    The shortcode's attributes.
	 * @param string|null  $content Text between the opening and the closing shortcode.
	 * @return string
	 */
	public static function join_shortcode( $atts, $content = null ) {
		return self::shortcode( 'join', $atts, $content );
	}

	/**
	 * `[vereinsraum_status room="…" tenant="…"]`.
	 *
	 * @param array|string $atts The shortcode's attributes.
	 * @return string
	 */
	public static function status_shortcode( $atts ) {
		return self::shortcode( 'status', $atts, null );
	}

	/**
	 * `[vereinsraum_booking tenant="…"]`.
	 *
	 * @param array|string $atts The shortcode's attributes.
	 * @return string
	 */
	public static function booking_shortcode( $atts ) {
		return self::shortcode( 'booking', $atts, null );
	}

	/**
	 * A shortcode's element.
	 *
	 * @param string       $kind    A key of KINDS.
	 * @param array|string $atts    The shortcode's attributes.
	 * @param string|null  $content Text between the opening and the closing shortcode.
	 * @return string
	 */
	private static function shortcode( $kind, $atts, $content ) {
		$atts = shortcode_atts(
			array(
				'room'   => '',
				'tenant' => '',
				'label'  => '',
			),
			$atts,
			'vereinsraum_' . $kind
		);
		if ( null !== $content && '' !== trim( $content ) ) {
			$atts['label'] = wp_strip_all_tags( $content );
		}
		return self::element( $kind, $atts );
	}

	/**
	 * The element of `$kind` for the configured server, with escaped
	 * attributes, and its bundle on the page. When something is missing,
	 * people who can edit see what; visitors see nothing.
	 *
	 * @param string                                       $kind A key of KINDS.
	 * @param array{room: string, tenant: string, label: string} $args What the block or shortcode says.
	 * @return string
	 */
	public static function element( $kind, $args ) {
		$settings = Vereinsraum_Settings::get();
		$tenant   = '' !== trim( $args['tenant'] ) ? strtolower( trim( $args['tenant'] ) ) : $settings['tenant'];
		$room     = strtolower( trim( $args['room'] ) );
		$missing  = array();
		if ( '' === $settings['server'] ) {
			$missing[] = __( 'the server address (Settings → Vereinsraum)', 'vereinsraum' );
		}
		if ( ! Vereinsraum_Settings::is_valid_id( $tenant ) ) {
			$missing[] = __( 'the tenant (Settings → Vereinsraum, or in the block)', 'vereinsraum' );
		}
		if ( 'booking' !== $kind && ! Vereinsraum_Settings::is_valid_id( $room ) ) {
			$missing[] = __( 'the room', 'vereinsraum' );
		}
		if ( $missing ) {
			if ( ! current_user_can( 'edit_posts' ) ) {
				return '';
			}
			$note = sprintf(
				/* translators: %s: a list of what is missing */
				__( 'Vereinsraum: visitors do not see this element yet. Missing: %s.', 'vereinsraum' ),
				implode( ', ', $missing )
			);
			return '<p class="vereinsraum-missing">' . esc_html( $note ) . '</p>';
		}

		Vereinsraum_Assets::enqueue( self::KINDS[ $kind ]['bundle'] );
		$tag   = self::KINDS[ $kind ]['tag'];
		$html  = '<' . $tag . ' endpoint="' . esc_attr( $settings['server'] ) . '" tenant="' . esc_attr( $tenant ) . '"';
		$html .= 'booking' === $kind ? '' : ' room="' . esc_attr( $room ) . '"';
		$html .= '>';
		$html .= 'join' === $kind ? esc_html( trim( $args['label'] ) ) : '';
		return $html . '</' . $tag . '>';
	}

	/**
	 * `wp_kses_allowed_html`: the elements and their attributes are allowed
	 * HTML in posts, so an element pasted by someone without the right to
	 * post unfiltered HTML keeps its attributes. (The script tag still goes:
	 * pasted_elements() loads the bundle instead.)
	 *
	 * @param array  $tags    Allowed tags and their attributes.
	 * @param string $context What the HTML is for.
	 * @return array
	 */
	public static function allowed_html( $tags, $context ) {
		if ( 'post' !== $context ) {
			return $tags;
		}
		foreach ( self::ELEMENTS as $tag => $element ) {
			$tags[ $tag ] = array_fill_keys( $element['attributes'], true );
		}
		return $tags;
	}

	/**
	 * `the_content`: loads the bundle of elements pasted as HTML (the block
	 * and the shortcodes load theirs themselves).
	 *
	 * @param string $content The post's content.
	 * @return string
	 */
	public static function pasted_elements( $content ) {
		if ( false === strpos( $content, '<verein-' ) ) {
			return $content;
		}
		foreach ( self::ELEMENTS as $tag => $element ) {
			if ( false !== strpos( $content, '<' . $tag ) ) {
				Vereinsraum_Assets::enqueue( $element['bundle'] );
			}
		}
		return $content;
	}
}
