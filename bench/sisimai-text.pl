#!/usr/bin/perl
# Sisimai 4.x reading a bounce text alone, no message around it: one text per input line (a literal
# "\n" stands for a line break), one answer per output line: reason <TAB> hard|soft|'' <TAB> 1|0|''
# (is the failure permanent, by Sisimai's reading of the codes and words).
# Debian: apt-get install libsisimai-perl
use strict;
use warnings;
use Sisimai::Reason;
use Sisimai::SMTP::Error;

binmode STDIN,  ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';
$| = 0;
while ( my $line = <STDIN> ) {
    chomp $line;
    $line =~ s/\\n/\n/g;
    my $reason    = Sisimai::Reason->match($line) // '';
    my $hardness  = Sisimai::SMTP::Error->soft_or_hard( $reason || 'undefined', $line ) // '';
    my $permanent = Sisimai::SMTP::Error->is_permanent($line);
    $permanent = defined $permanent ? ( $permanent ? 1 : 0 ) : '';
    print join( "\t", $reason, $hardness, $permanent ), "\n";
}
