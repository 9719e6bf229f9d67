/**
 * Typed settings ({@link org.postern.config.PosternProperties}), the data directory's preparation and file
 * modes, and day rounding of stored dates. It depends on no other Postern module.
 */
package org.postern.config;
