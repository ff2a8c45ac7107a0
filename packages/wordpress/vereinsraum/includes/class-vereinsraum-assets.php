<?php
/**
 * The element bundles of the Vereinsraum server (`/cdn/…`), as module
 * scripts, on the pages that show an element and nowhere else.
 *
 * WordPress 6.5 and later: wp_enqueue_script_module(). Before (Debian 12
 * ships 6.1), and in the admin: wp_enqueue_script(), and the tag is
 * rewritten to `type="module"` through the `script_loader_tag` filter. Where the server
 * publishes Subresource Integrity hashes (`/cdn/integrity.json`), the tag
 * loads the bundle's versioned name with its hash.
 *
 * @package Vereinsraum
 */

defined( 'ABSPATH' ) || exit;

/**
 * Module scripts of the server's bundles.
 */
class Vereinsraum_Assets {

	/** Script handle (module id) => bundle under /cdn/. */
	const BUNDLES = array(
		'vereinsraum'         => 'vereinsraum.js',
		'vereinsraum-booking' => 'room-booking.js',
	);

	/** How long the server's integrity.json is kept, in seconds: as long as browsers keep its stable bundle names. */
	const INTEGRITY_TTL = 300;

	/**
	 * What the tags of the requested bundles get: handle => src and integrity.
	 *
	 * @var array<string, array{src: string, integrity: string}>
	 */
	private static $enqueued = array();

	/**
	 * Hooks the tag filters in.
	 */
	public static function init() {
		add_filter( 'script_loader_tag', array( __CLASS__, 'module_tag' ), 10, 2 );
		add_filter( 'wp_script_attributes', array( __CLASS__, 'module_attributes' ) );
	}

	/**
	 * Puts the bundle `$handle` (a key of BUNDLES) on the current page, once.
	 * Does nothing without a server address.
	 *
	 * @param string $handle Which bundle.
	 */
	public static function enqueue( $handle ) {
		$server = Vereinsraum_Settings::get()['server'];
		if ( '' === $server || ! isset( self::BUNDLES[ $handle ] ) ) {
			return;
		}
		if ( ! isset( self::$enqueued[ $handle ] ) ) {
			self::$enqueued[ $handle ] = self::source( $server, self::BUNDLES[ $handle ] );
		}
		// Enqueued again each time: the block editor renders content for its preloaded
		// requests, then puts the scripts back as they were before.
		$source = self::$enqueued[ $handle ];
		// WordPress 6.5 and 6.6 print script modules on the site only, not in
		// the admin, where the block editor's preview needs the bundles.
		if ( function_exists( 'wp_enqueue_script_module' ) && ! is_admin() ) {
			wp_enqueue_script_module( $handle, $source['src'], array(), null );
		} else {
			wp_enqueue_script( $handle, $source['src'], array(), null, true );
		}
	}

	/**
	 * Where the bundle `$file` comes from: its versioned name with its hash
	 * where the server publishes them, else its stable name.
	 *
	 * @param string $server The server's origin.
	 * @param string $file   The bundle's stable name.
	 * @return array{src: string, integrity: string}
	 */
	private static function source( $server, $file ) {
		$hashes = self::integrity( $server );
		if ( ! isset( $hashes[ $file ] ) ) {
			return array(
				'src'       => $server . '/cdn/' . $file,
				'integrity' => '',
			);
		}
		// The versioned name of the same bytes never changes, so its hash stays right.
		$integrity = $hashes[ $file ];
		$stem      = substr( $file, 0, -3 );
		foreach ( $hashes as $name => $hash ) {
			if ( $hash === $integrity && 1 === preg_match( '/^' . preg_quote( $stem, '/' ) . '\.[0-9a-f]{10}\.js$/', $name ) ) {
				$file = $name;
				break;
			}
		}
		return array(
			'src'       => $server . '/cdn/' . $file,
			'integrity' => $integrity,
		);
	}

	/**
	 * The server's Subresource Integrity hashes (file name => `sha384-…`),
	 * asked by WordPress (not by visitors) at most every INTEGRITY_TTL
	 * seconds; an empty array when the server publishes none or does not
	 * answer (the bundle then loads by its stable name without a hash).
	 *
	 * @param string $server The server's origin.
	 * @return array<string, string>
	 */
	public static function integrity( $server ) {
		$key    = 'vereinsraum_sri_' . md5( $server );
		$cached = get_transient( $key );
		if ( is_array( $cached ) ) {
			return $cached;
		}
		$hashes   = array();
		$response = wp_remote_get(
			$server . '/cdn/integrity.json',
			array(
				'timeout'             => 3,
				'redirection'         => 0,
				'limit_response_size' => 65536,
			)
		);
		if ( 200 === wp_remote_retrieve_response_code( $response ) ) {
			$body = json_decode( wp_remote_retrieve_body( $response ), true );
			foreach ( is_array( $body ) ? $body : array() as $name => $hash ) {
				if ( is_string( $name ) && is_string( $hash ) && 1 === preg_match( '/^[\w.-]+\.js$/', $name ) && 1 === preg_match( '/^sha(256|384|512)-[A-Za-z0-9+\/]+={0,2}$/', $hash ) ) {
					$hashes[ $name ] = $hash;
				}
			}
		}
		set_transient( $key, $hashes, self::INTEGRITY_TTL );
		return $hashes;
	}

	/**
	 * `script_loader_tag` (before WordPress 6.5): our bundles' tags as module
	 * scripts, with their hash.
	 *
	 * @param string $tag    The tag WordPress made.
	 * @param string $handle Its handle.
	 * @return string
	 */
	public static function module_tag( $tag, $handle ) {
		if ( ! isset( self::$enqueued[ $handle ] ) ) {
			return $tag;
		}
		$source = self::$enqueued[ $handle ];
		return sprintf(
			'<script type="module" src="%1$s" id="%2$s"%3$s crossorigin="anonymous"></script>' . "\n",
			esc_url( $source['src'] ),
			esc_attr( $handle . '-js' ),
			'' === $source['integrity'] ? '' : ' integrity="' . esc_attr( $source['integrity'] ) . '"'
		);
	}

	/**
	 * `wp_script_attributes` (WordPress 6.5 and later prints script modules
	 * through it, with the id `HANDLE-js-module`): the hash.
	 *
	 * @param array $attributes The tag's attributes.
	 * @return array
	 */
	public static function module_attributes( $attributes ) {
		if ( ! isset( $attributes['id'] ) || ! is_string( $attributes['id'] ) || '-js-module' !== substr( $attributes['id'], -10 ) ) {
			return $attributes;
		}
		$handle = substr( $attributes['id'], 0, -10 );
		if ( isset( self::$enqueued[ $handle ] ) ) {
			$attributes['crossorigin'] = 'anonymous';
			if ( '' !== self::$enqueued[ $handle ]['integrity'] ) {
				$attributes['integrity'] = self::$enqueued[ $handle ]['integrity'];
			}
		}
		return $attributes;
	}
}
