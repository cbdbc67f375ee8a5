/**
 * What a mark may contain. Anything not listed is either dropped silently (editor metadata, which
 * real marks are full of) or refused with a typed error (anything that can run, fetch or animate).
 */
export const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'a', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'image', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode',
  'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile',
  'feTurbulence',
]);

/** Harmless but useless in an icon: skipped with all their content. */
export const DROPPED_ELEMENTS = new Set(['title', 'desc', 'metadata']);

/** Elements whose character data is kept (everything else's text is whitespace or junk). */
export const TEXT_ELEMENTS = new Set(['text', 'tspan', 'textPath', 'style']);

/** Attributes whose value is a link; only `href` is accepted, and only to `#id` or data: images. */
export const URL_ATTRIBUTES = new Set(['href', 'src']);

/**
 * CSS properties with no presentation attribute: as an attribute resvg and browsers ignore them, so
 * from an inline style they are written back as one (Figma and Illustrator blend shading this way).
 * Their values are keywords only.
 */
export const STYLE_ONLY_PROPERTIES = new Set(['mix-blend-mode', 'isolation']);

export const ALLOWED_ATTRIBUTES = new Set([
  // structure and geometry
  'id', 'class', 'viewBox', 'preserveAspectRatio', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'd', 'points', 'pathLength',
  'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'method', 'spacing', 'side',
  // conditional processing: renderers skip an element whose language or extension they lack, and a
  // <switch> draws its first child that passes; dropped, the wrong child is drawn. Never fetched.
  'systemLanguage', 'requiredExtensions', 'requiredFeatures',
  // paint servers, clipping, masking, markers
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'patternUnits',
  'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'markerUnits', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient',
  // presentation
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity',
  'stop-color', 'stop-opacity', 'color', 'clip-path', 'clip-rule', 'mask', 'filter', 'display',
  'visibility', 'overflow', 'marker-start', 'marker-mid', 'marker-end', 'paint-order',
  'vector-effect', 'shape-rendering', 'color-interpolation', 'color-interpolation-filters',
  'mix-blend-mode', 'isolation', 'mask-type', 'flood-color', 'flood-opacity', 'lighting-color',
  'image-rendering', 'text-rendering',
  // text
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch',
  'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing',
  'word-spacing', 'text-decoration', 'writing-mode', 'direction', 'unicode-bidi',
  // filters
  'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'edgeMode', 'mode',
  'operator', 'k1', 'k2', 'k3', 'k4', 'type', 'values', 'tableValues', 'slope', 'intercept',
  'amplitude', 'exponent', 'radius', 'scale', 'xChannelSelector', 'yChannelSelector',
  'baseFrequency', 'numOctaves', 'seed', 'stitchTiles', 'order', 'kernelMatrix', 'divisor', 'bias',
  'targetX', 'targetY', 'preserveAlpha', 'surfaceScale', 'diffuseConstant', 'specularConstant',
  'specularExponent', 'kernelUnitLength', 'azimuth', 'elevation', 'z', 'pointsAtX', 'pointsAtY',
  'pointsAtZ', 'limitingConeAngle', 'media',
]);
