// Package tfevents writes and reads TensorBoard event files with nothing but
// the standard library.
//
// An event file is a sequence of TFRecords (a little-endian uint64 length, the
// masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data),
// each holding one serialized tensorflow.Event protocol buffer. The first
// event of a file carries file_version "brain.Event:2"; the others carry a
// Summary with one value: a scalar (simple_value), a histogram
// (HistogramProto), a text (a DT_STRING tensor of the "text" plugin) or the
// HParams plugin's experiment and session infos. The few messages needed are
// encoded by hand.
//
// GlassBox lays its runs out like Keras' TensorBoard callback, so that
// `tensorboard --logdir runs` shows them as it shows Keras runs:
//
//	<run>/events.out.tfevents.*             HParams session (experiment, session start and end)
//	<run>/train/events.out.tfevents.*       epoch_loss, epoch_accuracy, … per epoch; batch_loss per step;
//	                                        histograms dense_0/kernel, dense_0/bias, … per epoch;
//	                                        text model_summary
//	<run>/validation/events.out.tfevents.*  the validation metrics under the same epoch_* tags
//
// ReadFile decodes such files back (and the scalars TF2 writes as tensors),
// for tests and for GlassBox's own board.
package tfevents
