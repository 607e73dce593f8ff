package org.labelloop.core.learning;

import java.util.function.Supplier;
import org.labelloop.core.port.FileStore;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.image.ObjectDetector;

/**
 * What an OBJECT_DETECTION job learns with ({@link BoxTraining}): the images' files, the shipped detector whose boxes it
 * relabels unless the project has its own (its predictions' tag {@code detectorVersion}) and the encoder of box crops,
 * both loaded on first use.
 */
public record BoxModels(FileStore files, String detectorVersion, Supplier<ObjectDetector> detector, Supplier<ImageEncoder> encoder) {}
